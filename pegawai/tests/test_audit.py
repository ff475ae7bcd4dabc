import datetime

import pghistory
import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from pghistory.models import Events

from pegawai.models import Pegawai
from portal.audit import HistoryMiddleware, as_actor

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


def test_a_request_s_events_name_the_user_acting_when_they_are_written(rf, org):
    # The middleware reads the user when an event is written (the user's row is not read for a request that writes
    # nothing): nobody for an anonymous request, the login once the request has logged in.
    def tulis(golongan, masuk=None):
        def view(request):
            if masuk is not None:
                request.user = masuk
            Pegawai.objects.filter(pk=org.staf.pk).update(golongan=golongan)

        return view

    for golongan, masuk in (("III/c", None), ("III/d", org.staf.user)):
        request = rf.post("/masuk/")
        request.user = AnonymousUser()
        HistoryMiddleware(tulis(golongan, masuk))(request)
    anonim, masuk = Events.objects.tracks(org.staf).filter(pgh_label="update").order_by("pgh_created_at", "pgh_id")
    assert (anonim.pgh_context["user"], anonim.pgh_context["url"]) == (None, "/masuk/")
    assert masuk.pgh_context["user"] == org.staf.user.pk


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


def _halaman_semua(**saring):
    """Every event of the last day through halaman_audit, paging three at a time, as (model, pgh_id) in order."""
    import datetime

    from django.utils import timezone

    from portal.audit import halaman_audit

    dari, sampai = timezone.now() - datetime.timedelta(days=1), timezone.now() + datetime.timedelta(seconds=1)
    semua, kursor = [], None
    while True:
        halaman = halaman_audit(dari=dari, sampai=sampai, kursor=kursor, per_halaman=3, **saring)
        semua += halaman.events
        if halaman.berikutnya is None:
            return semua
        kursor = halaman.berikutnya


def test_every_filter_of_the_trail_lists_what_pghistory_lists_in_the_trails_order(org):
    """The positions table and each path of the page function (the whole trail, one kind of change, one actor
    — alone, with a kind of data and change, with one object —, one kind of data, one object) against pghistory's
    own view of the same events."""
    from django.db import transaction

    from pegawai.models import Jabatan

    with transaction.atomic(), as_actor(org.admin_bkpsdm):
        for p in (org.staf, org.kasi):
            p.golongan = "IV/a"
            p.save()
        org.staf.golongan = "IV/b"
        org.staf.save()
    with as_actor(org.admin_opd):
        jabatan = Jabatan.objects.get(pk=org.staf.jabatan_id)
        jabatan.nama = f"{jabatan.nama} (baru)"
        jabatan.save()
    org.plt.delete()

    def kunci(e):
        return (e.pgh_created_at, e.pgh_id, e.pgh_obj_model)

    semua = Events.objects.all()
    kasus = [
        ({}, semua),
        ({"label": "update"}, semua.filter(pgh_label="update")),
        ({"model_label": "pegawai.Pegawai"}, semua.filter(pgh_obj_model="pegawai.Pegawai")),
        (
            {"model_label": "pegawai.Pegawai", "objek_id": org.staf.pk, "label": "update"},
            semua.filter(pgh_obj_model="pegawai.Pegawai", pgh_obj_id=str(org.staf.pk), pgh_label="update"),
        ),
        ({"user_id": org.admin_opd.pk}, semua.filter(pgh_context__user=org.admin_opd.pk)),
        (
            {"user_id": org.admin_bkpsdm.pk, "model_label": "pegawai.Pegawai", "label": "update"},
            semua.filter(pgh_context__user=org.admin_bkpsdm.pk, pgh_obj_model="pegawai.Pegawai", pgh_label="update"),
        ),
        (
            {"user_id": org.admin_bkpsdm.pk, "model_label": "pegawai.Pegawai", "objek_id": org.staf.pk},
            semua.filter(
                pgh_context__user=org.admin_bkpsdm.pk, pgh_obj_model="pegawai.Pegawai", pgh_obj_id=str(org.staf.pk)
            ),
        ),
        (
            {"model_label": "pegawai.Penugasan", "label": "delete"},
            semua.filter(pgh_obj_model="pegawai.Penugasan", pgh_label="delete"),
        ),
    ]
    for saring, harapan in kasus:
        halaman = _halaman_semua(**saring)
        assert [kunci(e) for e in halaman] == sorted((kunci(e) for e in harapan), reverse=True), saring
        assert halaman, saring
    # Each change carries pghistory's diff and data; the actor comes from the context.
    pghistory_diff = {(e.pgh_obj_model, e.pgh_id): e for e in semua.filter(pgh_label="update")}
    for e in _halaman_semua(label="update"):
        asli = pghistory_diff[(e.pgh_obj_model, e.pgh_id)]
        assert (e.pgh_diff, e.pgh_data, e.user_id) == (asli.pgh_diff, asli.pgh_data, asli.pgh_context["user"])
    staf = [e for e in _halaman_semua(model_label="pegawai.Pegawai", objek_id=org.staf.pk, label="update")]
    assert [e.pgh_diff["golongan"] for e in staf] == [["IV/a", "IV/b"], ["III/a", "IV/a"]]
    # An insertion is shown whole, with no diff.
    assert all(e.pgh_diff == {} and e.pgh_data for e in _halaman_semua(label="insert"))
    # Nothing tracked under that name; an object needs its kind of data.
    assert _halaman_semua(model_label="pegawai.TidakAda") == []
    with pytest.raises(ValueError):
        _halaman_semua(objek_id=org.staf.pk)


def test_the_trail_page_is_one_query(org, django_assert_num_queries):
    import datetime

    from django.utils import timezone

    from portal.audit import halaman_audit

    sampai = timezone.now() + datetime.timedelta(seconds=1)
    with django_assert_num_queries(1):
        halaman = halaman_audit(dari=sampai - datetime.timedelta(days=1), sampai=sampai)
    assert len(halaman.events) == 25 and halaman.berikutnya


def test_an_events_position_is_written_and_removed_with_it(org):
    from django.db import connection, transaction

    from portal.models import PosisiAudit

    event_model = Pegawai.pgh_event_models["update"]

    def posisi():
        return set(PosisiAudit.objects.filter(model="pegawai.Pegawai").values_list("pgh_id", flat=True))

    def events():
        return set(event_model.objects.values_list("pgh_id", flat=True))

    assert posisi() == events()
    org.staf.golongan = "IV/c"
    org.staf.save()
    assert posisi() == events()
    # A rolled-back change leaves neither.
    sebelum = posisi()
    with pytest.raises(RuntimeError), transaction.atomic():
        org.kasi.golongan = "IV/c"
        org.kasi.save()
        raise RuntimeError
    assert posisi() == events() == sebelum
    # An event removed (history pruned) takes its position with it.
    terbaru = event_model.objects.order_by("-pgh_id").first()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {event_model._meta.db_table} WHERE pgh_id = %s", [terbaru.pgh_id])
    assert posisi() == events() == sebelum - {terbaru.pgh_id}


def test_installing_the_reader_copies_earlier_events_follows_a_rename_and_keeps_one_page_function(org):
    """What ``migrate`` runs (the post_migrate receiver): events written while a table had no trigger get their
    positions; a trigger naming an old label (a renamed model) moves its positions; another version of the page
    function is marked replaced and kept for the previous release's processes, and goes once replaced for longer
    than a day; running it again changes nothing."""
    from django.db import connection

    from portal.audit import _AWALAN_FUNGSI, _PEMICU, fungsi_halaman, pasang_pembaca
    from portal.models import PosisiAudit

    pegawai = Pegawai.pgh_event_models["update"]._meta.db_table
    jabatan = "pegawai_jabatanevent"

    def jumlah():
        return {
            m: PosisiAudit.objects.filter(model=m).count()
            for m in ("pegawai.Pegawai", "pegawai.Jabatan", "lama.Jabatan")
        }

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {_PEMICU} ON {pegawai}")
        org.staf.golongan = "IV/d"
        org.staf.save()
        cursor.execute("UPDATE portal_posisiaudit SET model = 'lama.Jabatan' WHERE model = 'pegawai.Jabatan'")
        cursor.execute(
            f"CREATE OR REPLACE TRIGGER {_PEMICU} AFTER INSERT OR DELETE ON {jabatan} "
            f"FOR EACH ROW EXECUTE FUNCTION {_PEMICU}('lama.Jabatan')"
        )
        cursor.execute(f"CREATE FUNCTION {_AWALAN_FUNGSI}usang() RETURNS integer LANGUAGE sql AS 'SELECT 1'")
    jumlah_event = Pegawai.pgh_event_models["update"].objects.count()
    jumlah_jabatan = jumlah()["lama.Jabatan"]
    assert jumlah()["pegawai.Pegawai"] == jumlah_event - 1 and jumlah_jabatan

    def versi():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT proname, obj_description(oid, 'pg_proc') FROM pg_proc WHERE proname LIKE %s",
                [_AWALAN_FUNGSI + "%"],
            )
            return dict(cursor.fetchall())

    ini = fungsi_halaman()[0]
    pasang_pembaca()
    assert jumlah() == {"pegawai.Pegawai": jumlah_event, "pegawai.Jabatan": jumlah_jabatan, "lama.Jabatan": 0}
    tanda = versi()
    usang = f"{_AWALAN_FUNGSI}usang"
    # Every other version (this one, and those a reused test database kept from earlier code) is marked replaced.
    assert tanda[ini] is None and usang in tanda
    assert all(catatan.startswith("diganti ") for nama, catatan in tanda.items() if nama != ini)
    pasang_pembaca()
    assert jumlah() == {"pegawai.Pegawai": jumlah_event, "pegawai.Jabatan": jumlah_jabatan, "lama.Jabatan": 0}
    assert versi() == tanda  # still within its day: the mark is not renewed
    with connection.cursor() as cursor:
        kemarin = (timezone.now() - datetime.timedelta(days=1, minutes=1)).isoformat()
        cursor.execute(f"COMMENT ON FUNCTION {_AWALAN_FUNGSI}usang() IS %s", [f"diganti {kemarin}"])
        # A release rolled back: the current version had been marked replaced by the one it came back from.
        cursor.execute("SELECT oid::regprocedure::text FROM pg_proc WHERE proname = %s", [ini])
        cursor.execute(f"COMMENT ON FUNCTION {cursor.fetchone()[0]} IS 'diganti 2026-01-01T00:00:00+00:00'")
    pasang_pembaca()
    sesudah = versi()
    assert sesudah[ini] is None and usang not in sesudah


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


def test_a_page_function_mark_that_is_not_ours_counts_as_no_mark():
    """A comment on a page function that is not this module's mark (by hand, or a time without its zone) is
    marked again by the next migrate instead of failing it."""
    from portal.audit import _diganti_pada

    assert _diganti_pada("diganti 2026-12-01T08:00:00+00:00") == datetime.datetime(2026, 12, 1, 8, tzinfo=datetime.UTC)
    assert _diganti_pada("diganti 2026-12-01T08:00:00") is None
    assert _diganti_pada("diganti kemarin") is None
    assert _diganti_pada("catatan DBA") is None
    assert _diganti_pada(None) is None
