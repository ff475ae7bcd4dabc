"""Recovery of background jobs after a crash (issue 12, portal.jobs): the task a job runs, the attempts, and the
last sign of life the sweeper watches. Rows already there get "now" as their sign of life and no task: if they
are still waiting or running after the threshold, the sweeper marks them failed and asks for a new start."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='pekerjaan',
            name='detak',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='tanda hidup terakhir'),
        ),
        migrations.AddField(
            model_name='pekerjaan',
            name='percobaan',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='percobaan'),
        ),
        migrations.AddField(
            model_name='pekerjaan',
            name='tugas',
            field=models.CharField(blank=True, max_length=200, verbose_name='tugas'),
        ),
        migrations.AddIndex(
            model_name='pekerjaan',
            index=models.Index(condition=models.Q(('status__in', ['MENUNGGU', 'BERJALAN'])), fields=['detak'], name='pekerjaan_aktif_detak_idx'),
        ),
    ]
