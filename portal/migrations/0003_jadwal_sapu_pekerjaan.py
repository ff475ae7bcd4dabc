"""The beat schedule of the job recovery sweep (portal.tasks.sapu_pekerjaan) as a django_celery_beat row, like the
other schedules (kinerja/0002_jadwal_pengingat, disiplin/0002_jadwal_disiplin): every minute, editable in the
Django admin. Created only when missing, so a changed schedule survives later migrations; removed again on
reverse."""

from django.db import migrations

NAMA = "Pulihkan pekerjaan latar yang macet"
TASK = "portal.tasks.sapu_pekerjaan"


def buat(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(name=NAMA).exists():
        return
    interval, _created = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.create(
        name=NAMA,
        task=TASK,
        interval=interval,
        description=(
            "Setiap menit: pekerjaan latar (PDF, ZIP, rekap) yang menunggu atau berjalan tanpa tanda hidup lebih "
            "lama dari PEKERJAAN_BASI_MENIT diantrekan lagi; yang sudah terhenti PEKERJAAN_MAKS_PERCOBAAN kali "
            "ditandai gagal dengan pesan untuk penggunanya."
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
        ("portal", "0002_pekerjaan_pulih"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat, hapus)]
