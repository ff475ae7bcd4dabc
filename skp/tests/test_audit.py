"""Every change is in the audit trail (pghistory triggers) attributed to the actor, and every transition in the
SKP's own history."""

import pytest
from pghistory.models import Events

from skp.choices import AksiSkp, JenisLampiran, SkpStatus
from skp.errors import SkpError
from skp.models import SkpRiwayat
from skp.services.isi import iki_ubah, lampiran_hapus, lampiran_tambah, lampiran_ubah
from skp.services.skp import skp_ajukan, skp_kembalikan, skp_setujui

pytestmark = pytest.mark.django_db


def test_it_records_the_skp_rows_changes_with_the_actor(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    skp_setujui(actor=org.kasi, skp=skp_staf)
    events = Events.objects.tracks(skp_staf).order_by("pgh_created_at", "pgh_id")
    inserts = events.filter(pgh_label="insert", pgh_model="skp.SkpEvent")
    assert inserts.count() == 1
    assert inserts.get().pgh_context["user"] == org.staf.user_id
    updates = list(events.filter(pgh_label="update", pgh_model="skp.SkpEvent"))
    assert [e.pgh_diff["status"] for e in updates] == [
        [SkpStatus.DRAFT, SkpStatus.DIAJUKAN],
        [SkpStatus.DIAJUKAN, SkpStatus.DISETUJUI],
    ]
    assert [e.pgh_context["user"] for e in updates] == [org.staf.user_id, org.kasi.user_id]
    assert updates[1].pgh_context["pegawai"] == org.kasi.pk


def test_it_records_content_edits_and_deletions(org, skp_staf):
    item = lampiran_tambah(actor=org.staf, skp=skp_staf, jenis=JenisLampiran.KONSEKUENSI, teks="Teguran")
    lampiran_ubah(actor=org.staf, item=item, teks="Teguran tertulis")
    lampiran_hapus(actor=org.staf, item=item)
    labels = list(
        Events.objects.filter(pgh_obj_model="skp.LampiranItem", pgh_obj_id=str(item.pk))
        .order_by("pgh_created_at", "pgh_id")
        .values_list("pgh_label", flat=True)
    )
    assert labels == ["insert", "update", "delete"]
    rhk = skp_staf.rhk.get()
    iki_ubah(actor=org.staf, iki=rhk.iki.get(), target_min=30)
    event = Events.objects.filter(pgh_obj_model="skp.IndikatorKinerjaIndividu", pgh_label="update").get()
    assert event.pgh_diff["target_min"] == [12.0, 30.0]
    assert event.pgh_context["user"] == org.staf.user_id


def test_it_writes_a_history_row_per_transition(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    skp_kembalikan(actor=org.kasi, skp=skp_staf, catatan="IKI kualitas belum ada.")
    row = SkpRiwayat.objects.filter(skp=skp_staf).last()
    assert (row.aksi, row.dari_status, row.ke_status, row.actor, row.actor_nama, row.catatan) == (
        AksiSkp.DIKEMBALIKAN,
        SkpStatus.DIAJUKAN,
        SkpStatus.DIKEMBALIKAN,
        org.kasi,
        "Kasi A",
        "IKI kualitas belum ada.",
    )
    assert row.get_aksi_display() == "Dikembalikan"
    # The history rows are audited too.
    assert Events.objects.filter(pgh_obj_model="skp.SkpRiwayat", pgh_obj_id=str(row.pk), pgh_label="insert").exists()


def test_a_refused_transition_leaves_no_trace(org, skp_staf):
    before = (SkpRiwayat.objects.count(), Events.objects.count())
    with pytest.raises(SkpError):
        skp_setujui(actor=org.kasi, skp=skp_staf)
    with pytest.raises(SkpError):
        skp_ajukan(actor=org.kasi, skp=skp_staf)
    assert (SkpRiwayat.objects.count(), Events.objects.count()) == before
