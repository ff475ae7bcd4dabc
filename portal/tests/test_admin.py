import pytest
from django.contrib import admin
from django.urls import reverse

from portal.admin import ReadOnlyAdminMixin

pytestmark = pytest.mark.django_db

PORTAL_MODELS = [m for m in admin.site._registry if m._meta.app_label == "portal"]


def test_it_registers_the_platform_records():
    assert {m.__name__ for m in PORTAL_MODELS} == {"AksesLog", "Pekerjaan", "Notifikasi"}


@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m.__name__)
def test_it_opens_every_portal_admin_list_and_search_and_never_edits_there(client, django_user_model, model):
    client.force_login(django_user_model.objects.create_superuser(username="superadmin", password="x"))
    url = reverse(f"admin:portal_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    if admin.site._registry[model].search_fields:
        assert client.get(url, {"q": "A"}).status_code == 200
    assert isinstance(admin.site._registry[model], ReadOnlyAdminMixin)
    assert client.get(reverse(f"admin:portal_{model._meta.model_name}_add")).status_code == 403
