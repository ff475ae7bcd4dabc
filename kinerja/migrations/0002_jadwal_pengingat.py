"""The beat schedule of the reminders (kinerja.tasks) as django_celery_beat rows: the DatabaseScheduler reads them
and an admin may change the times or switch a reminder off in the Django admin without a deployment. Created only
when missing, so a changed schedule survives later migrations; removed again on reverse."""

from django.db import migrations

TZ = "Asia/Jakarta"

# (name, task, minute, hour, day_of_week, description)
JADWAL = [
    (
        "Pengingat aktivitas harian belum dicatat",
        "kinerja.tasks.pengingat_aktivitas_kosong",
        "0",
        "14",
        "1-6",  # Saturday too: units on a six-day week work then
        "Setiap hari kerja pukul 14.00: pegawai yang belum mencatat aktivitas pada hari kerja yang batas "
        "pencatatannya berakhir hari ini.",
    ),
    (
        "Pengingat antrian verifikasi atasan",
        "kinerja.tasks.pengingat_antrian_verifikasi",
        "0",
        "8",
        "1-6",
        "Setiap hari kerja pukul 08.00, dua hari kerja sebelum batas verifikasi sampai hari batasnya: atasan "
        "yang masih memiliki aktivitas bawahan berstatus diajukan.",
    ),
    (
        "Eskalasi verifikasi yang melewati batas",
        "kinerja.tasks.eskalasi_verifikasi",
        "0",
        "7",
        "*",
        "Setiap hari pukul 07.00: atasan dari atasan menerima daftar aktivitas yang tidak diverifikasi sampai "
        "batas verifikasi (sekali per bulan yang terkunci).",
    ),
]


def buat(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for nama, task, minute, hour, day_of_week, keterangan in JADWAL:
        if PeriodicTask.objects.filter(name=nama).exists():
            continue
        crontab, _created = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week=day_of_week, day_of_month="*", month_of_year="*", timezone=TZ
        )
        PeriodicTask.objects.create(name=nama, task=task, crontab=crontab, description=keterangan, enabled=True)
    # A running beat reloads its schedule when this marker changes (signals do not fire in migrations).
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def hapus(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[task for _n, task, *_rest in JADWAL]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kinerja", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat, hapus)]
