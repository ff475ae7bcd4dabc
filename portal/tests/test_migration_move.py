"""The move of AksesLog, Pekerjaan and Notifikasi from pegawai to portal (pegawai 0005, portal 0001) loses nothing:
rows written before the move, through the models as they were, are all found through the portal models after it,
and what pointed at the old models (permissions through their content type) points at the new ones."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from portal.models import AksesLog, Notifikasi, Pekerjaan

BEFORE = [("pegawai", "0004_notifikasi")]
MOVED = ("akseslog", "pekerjaan", "notifikasi")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


# serialized_rollback: like the other transactional tests, so the rows data migrations made come back after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_keeps_every_row_and_permission_across_the_move(org):
    try:
        executor = _migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        assert old.get_model("pegawai", "AksesLog")._meta.db_table == AksesLog._meta.db_table

        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        # Migrating back gave the content types back to pegawai; a permission granted before the move hangs on one.
        assert not ContentType.objects.filter(app_label="portal", model__in=MOVED).exists()
        ct_log, _created = ContentType.objects.get_or_create(app_label="pegawai", model="akseslog")
        Permission.objects.create(content_type=ct_log, codename="lihat_log_uji", name="Lihat log (uji)")

        waktu = timezone.now() - datetime.timedelta(days=3)
        old.get_model("pegawai", "AksesLog").objects.create(
            waktu=waktu, user_id=org.admin_opd.pk, jenis="LIHAT", pegawai_id=org.staf.pk, objek="Profil", ip="10.0.0.1"
        )
        old.get_model("pegawai", "AksesLog").objects.create(
            waktu=waktu, user_id=None, jenis="EKSPOR", objek="Daftar", jumlah_baris=12
        )
        old.get_model("pegawai", "Pekerjaan").objects.create(
            user_id=org.staf.user.pk,
            jenis="uji",
            judul="PDF lama",
            status="SELESAI",
            selesai_n=3,
            total_n=3,
            berkas="pekerjaan/2026/01/abc/skp.pdf",
            parameter={"tahun": 2026},
        )
        old.get_model("pegawai", "Notifikasi").objects.create(
            user_id=org.kasi.user.pk, jenis="pengingat", tanggal=datetime.date(2026, 3, 2), judul="Pengingat lama"
        )
    finally:
        _migrate(_latest())

    logs = {log.objek: log for log in AksesLog.objects.select_related("user", "pegawai")}
    assert set(logs) == {"Profil", "Daftar"}
    assert (logs["Profil"].user, logs["Profil"].pegawai, logs["Profil"].ip) == (org.admin_opd, org.staf, "10.0.0.1")
    assert logs["Profil"].waktu == waktu
    assert (logs["Daftar"].user, logs["Daftar"].jumlah_baris) == (None, 12)

    job = Pekerjaan.objects.get()
    assert (job.user, job.judul, job.persen, job.parameter) == (org.staf.user, "PDF lama", 100, {"tahun": 2026})
    assert job.berkas.name == "pekerjaan/2026/01/abc/skp.pdf"

    notifikasi = Notifikasi.objects.get()
    assert (notifikasi.user, notifikasi.tanggal, notifikasi.judul) == (
        org.kasi.user,
        datetime.date(2026, 3, 2),
        "Pengingat lama",
    )

    from django.contrib.auth.models import Permission as CurrentPermission
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    permission = CurrentPermission.objects.get(codename="lihat_log_uji")
    assert permission.content_type == CurrentContentType.objects.get_for_model(AksesLog)
    assert not CurrentContentType.objects.filter(app_label="pegawai", model__in=MOVED).exists()
