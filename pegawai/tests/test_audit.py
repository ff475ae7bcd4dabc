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


def test_the_trail_pages_by_position_without_skipping_or_repeating_events_that_share_a_time(org):
    """Events written in one transaction share their time (and may share an id across tables): the keyset order
    (time, id, kind of data) is total, so paging two at a time returns every event of the window exactly once, in
    pghistory's own set."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from portal.audit import halaman_audit

    with transaction.atomic(), as_actor(org.admin_bkpsdm):
        for p in (org.staf, org.kasi, org.kabid):
            p.golongan = "IV/a"
            p.save()
        jabatan = org.staf.jabatan
        jabatan.nama = f"{jabatan.nama} (baru)"
        jabatan.save()
    dari, sampai = timezone.now() - datetime.timedelta(days=1), timezone.now() + datetime.timedelta(seconds=1)
    semua, kursor = [], None
    while True:
        halaman = halaman_audit(dari=dari, sampai=sampai, kursor=kursor, per_halaman=2)
        semua += [(e.pgh_obj_model, e.pgh_id) for e in halaman.events]
        if halaman.berikutnya is None:
            break
        kursor = halaman.berikutnya
    assert len(semua) == len(set(semua))
    harapan = {(e.pgh_obj_model, e.pgh_id) for e in Events.objects.filter(pgh_created_at__gte=dari)}
    assert set(semua) == harapan
    # Newest first, the shared time ordered by id then kind of data, as the keyset promises.
    waktu = [e.pgh_created_at for e in halaman_audit(dari=dari, sampai=sampai, per_halaman=500).events]
    assert waktu == sorted(waktu, reverse=True)
    # The diff of an update against the object's previous event, and the actor from the context.
    terbaru = halaman_audit(dari=dari, sampai=sampai, model_label="pegawai.Pegawai", label="update").events
    staf = next(e for e in terbaru if e.pgh_obj_id == org.staf.pk)
    assert staf.pgh_diff["golongan"][1] == "IV/a" and staf.user_id == org.admin_bkpsdm.pk
    # A tampered position is the first page, not an error.
    assert halaman_audit(dari=dari, sampai=sampai, kursor="rusak").events


def test_the_audit_page_shows_a_date_window_and_links_to_older_changes(client, org):
    from django.urls import reverse

    client.force_login(org.admin_bkpsdm)
    html = client.get(reverse("audit_list")).content.decode()
    assert 'data-testid="rentang-audit"' in html
    # The fixture's organisation alone is more than a page of insertions.
    halaman = client.get(reverse("audit_list"), {"label": "insert"})
    lebih_lama = halaman.context["berikutnya"]
    assert len(halaman.context["rows"]) == 25 and lebih_lama and "setelah=" in lebih_lama
    kedua = client.get(reverse("audit_list") + lebih_lama)
    assert kedua.status_code == 200 and kedua.context["terbaru"]
    pertama = {(r["model_label"], r["objek_id"], r["waktu"]) for r in halaman.context["rows"]}
    assert not pertama & {(r["model_label"], r["objek_id"], r["waktu"]) for r in kedua.context["rows"]}
    # A start after the end is refused on the form, nothing listed.
    salah = client.get(reverse("audit_list"), {"dari": "2026-05-02", "sampai": "2026-05-01"})
    assert salah.context["rows"] == [] and "tidak boleh sebelum" in salah.content.decode()
