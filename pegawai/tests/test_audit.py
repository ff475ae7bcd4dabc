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
