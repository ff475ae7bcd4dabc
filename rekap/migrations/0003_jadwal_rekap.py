"""The beat schedules of the recaps as django_celery_beat rows, like the discipline facts
(disiplin/0002_jadwal_disiplin): the nightly run (rekap.tasks.rekap_harian) and the hourly removal of expired recap
spreadsheets (rekap.tasks.rekap_ekspor_sapu). An admin may change the time or switch them off in the Django admin.
Created only when missing, so a changed schedule survives later migrations; removed again on reverse."""

from django.db import migrations

TZ = "Asia/Jakarta"
NAMA = "Hitung rekap kinerja"
TASK = "rekap.tasks.rekap_harian"
NAMA_SAPU = "Rekap: hapus berkas ekspor kedaluwarsa"
TASK_SAPU = "rekap.tasks.rekap_ekspor_sapu"


def buat(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if not PeriodicTask.objects.filter(name=NAMA_SAPU).exists():
        # Every hour at :17: recap spreadsheets are personal data, kept REKAP_EKSPOR_SIMPAN_JAM hours only.
        setiap_jam, _created = CrontabSchedule.objects.get_or_create(
            minute="17", hour="*", day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
        )
        PeriodicTask.objects.create(
            name=NAMA_SAPU,
            task=TASK_SAPU,
            crontab=setiap_jam,
            description="Setiap jam: berkas ekspor rekap yang melewati masa simpannya dihapus.",
            enabled=True,
        )
    if not PeriodicTask.objects.filter(name=NAMA).exists():
        _harian(CrontabSchedule, PeriodicTask)
    # A running beat reloads its schedule when this marker changes (signals do not fire in migrations).
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def _harian(CrontabSchedule, PeriodicTask):
    # 02.30: after the discipline facts of 01.30, which the recap counts (and closes after).
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="30", hour="2", day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
    )
    PeriodicTask.objects.create(
        name=NAMA,
        task=TASK,
        crontab=crontab,
        description=(
            "Setiap malam pukul 02.30: rekap bulan berjalan dihitung ulang (satu tugas per perangkat daerah, lalu "
            "rekap unit, perangkat daerah dan kota); periode yang sudah berakhir dan melewati batas verifikasi "
            "dihitung sekali lagi lalu ditutup."
        ),
        enabled=True,
    )


def hapus(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[TASK, TASK_SAPU]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rekap", "0002_progres_opd"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat, hapus)]
