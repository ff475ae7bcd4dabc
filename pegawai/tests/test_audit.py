import pghistory
import pytest
from pghistory.models import Events

from pegawai.models import Pegawai
from portal.audit import as_actor

pytestmark = pytest.mark.django_db


def test_it_records_bulk_updates_through_triggers_with_before_and_after(org):
    with as_actor(org.admin_bkpsdm):
        updated = Pegawai.objects.filter(jabatan__unit_kerja__perangkat_daerah=org.opd_a).update(golongan="III/c")
    assert updated == 7
    events = Events.objects.tracks(org.staf).filter(pgh_label="update")
    assert events.count() == 1
    event = events.get()
    assert event.pgh_diff["golongan"] == ["III/a", "III/c"]
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk


def test_it_records_deletes(org):
    pk = org.plt.pk
    org.plt.delete()
    assert Events.objects.filter(pgh_obj_model="pegawai.Penugasan", pgh_obj_id=str(pk), pgh_label="delete").exists()


def test_it_does_not_keep_password_hashes_in_history(org):
    org.staf.user.set_password("Sandi-Baru-2026")
    org.staf.user.save()
    assert not Events.objects.filter(pgh_obj_model="pegawai.User", pgh_label="update").exists()
    model = pghistory.models.Events.objects.filter(pgh_obj_model="pegawai.User").first()
    assert "password" not in (model.pgh_data if model else {})


def test_the_audit_filter_names_each_kind_of_data_in_the_users_words(client, org):
    """Issue 9 item 15: "Skp" and "Penugasan plt/plh" were model names mangled by str.capitalize()."""
    from django.apps import apps
    from django.urls import reverse

    client.force_login(org.admin_bkpsdm)
    page = client.get(reverse("audit_list"))
    groups = dict(page.context["form"].fields["model"].choices[1:])
    assert list(groups)[:3] == ["Kepegawaian", "SKP", "Kinerja Harian"]
    labels = {value: label for choices in groups.values() for value, label in choices}
    assert labels["skp.Skp"] == "SKP"
    assert labels["pegawai.Penugasan"] == "Penugasan Plt/Plh"
    assert labels["pegawai.User"] == "Akun"
    for value, label in labels.items():
        # The verbose name as written, only its first letter raised.
        assert label == str(apps.get_model(value)._meta.verbose_name).replace(label[0].lower(), label[0], 1), value
    html = page.content.decode()
    assert '<option value="skp.Skp">SKP</option>' in html
    assert "Skp<" not in html and "plt/plh" not in html
    # The grouped choices still filter.
    assert client.get(reverse("audit_list"), {"model": "skp.Skp"}).context["form"].is_valid()
