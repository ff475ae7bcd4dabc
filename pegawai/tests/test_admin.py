import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", [m for m in admin.site._registry if m._meta.app_label == "pegawai"], ids=lambda m: m.__name__
)
def test_it_opens_every_pegawai_admin_list_and_search(client, org, model):
    from pegawai.tests.factories import UserFactory

    client.force_login(UserFactory(username="superadmin", is_staff=True, is_superuser=True))
    url = reverse(f"admin:pegawai_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    if admin.site._registry[model].search_fields:
        assert client.get(url, {"q": "A"}).status_code == 200
