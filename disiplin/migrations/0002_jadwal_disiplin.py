"""The beat schedule of the nightly reporting-discipline run (disiplin.tasks.hitung_disiplin_harian) as a
django_celery_beat row, like kinerja's reminders (kinerja/0002_jadwal_pengingat): an admin may change the time or
switch it off in the Django admin. Created only when missing, so a changed schedule survives later migrations;
removed again on reverse."""

from django.db import migrations

TZ = "Asia/Jakarta"
NAMA = "Hitung fakta disiplin pelaporan"
TASK = "disiplin.tasks.hitung_disiplin_harian"


def buat(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(name=NAMA).exists():
        return
    # 01.30: after the day's entries and verifications, before the reminders of the morning.
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="30", hour="1", day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
    )
    PeriodicTask.objects.create(
        name=NAMA,
        task=TASK,
        crontab=crontab,
        description=(
            "Setiap malam pukul 01.30: fakta disiplin pelaporan (hari kerja tanpa laporan, entri terlambat, "
            "verifikasi terlambat, tidak diverifikasi) bulan ini dan bulan yang masih terbuka, satu tugas per "
            "perangkat daerah; bulan yang melewati batas verifikasi dihitung ulang lalu ditutup."
        ),
        enabled=True,
    )
    # A running beat reloads its schedule when this marker changes (signals do not fire in migrations).
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def hapus(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disiplin", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat, hapus)]
