"""The beat schedule of the late-SKP reminder (skp.tasks.pengingat_skp_terlambat) as a django_celery_beat row, like
kinerja's reminders (kinerja/0002_jadwal_pengingat): an admin may change the time or switch it off in the Django
admin. Created only when missing, so a changed schedule survives later migrations; removed again on reverse."""

from django.db import migrations

TZ = "Asia/Jakarta"
NAMA = "Pengingat SKP yang melewati batas penetapan"
TASK = "skp.tasks.pengingat_skp_terlambat"


def buat(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(name=NAMA).exists():
        return
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="30", hour="7", day_of_week="1-5", day_of_month="*", month_of_year="*", timezone=TZ
    )
    PeriodicTask.objects.create(
        name=NAMA,
        task=TASK,
        crontab=crontab,
        description=(
            "Setiap hari kerja pukul 07.30: pegawai yang SKP-nya belum disetujui (atau belum dibuat) setelah batas "
            "penetapan, dan atasannya (jumlah SKP bawahan yang terlambat); paling banyak sekali seminggu per orang."
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
        ("skp", "0004_aksi_ditutup_mutasi"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat, hapus)]
