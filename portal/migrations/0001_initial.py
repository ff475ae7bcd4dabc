"""The platform's records, taken over from the pegawai app with their tables (issue 7; see ``pegawai 0005``).

State only: the tables ``pegawai_akseslog``, ``pegawai_pekerjaan`` and ``pegawai_notifikasi`` already exist with
their rows, indexes and constraints. The content types move too, so permissions granted on these models and the
admin's history keep pointing at them.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import portal.models

MODELS = ('akseslog', 'pekerjaan', 'notifikasi')


def _move_content_types(apps, schema_editor, source, target):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    for model in MODELS:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue  # already created for the target (e.g. by an earlier post_migrate); keep both as they are
        old.app_label = target
        old.save(update_fields=['app_label'])


def forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, 'pegawai', 'portal')


def backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, 'portal', 'pegawai')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('pegawai', '0005_pindah_ke_portal'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AksesLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('waktu', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='waktu')),
                        ('jenis', models.CharField(choices=[('LIHAT', 'Lihat data pribadi'), ('UNDUH', 'Unduh'), ('EKSPOR', 'Ekspor'), ('IMPOR', 'Impor')], max_length=10, verbose_name='jenis akses')),
                        ('objek', models.CharField(max_length=255, verbose_name='objek')),
                        ('path', models.CharField(blank=True, max_length=500, verbose_name='alamat')),
                        ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='alamat IP')),
                        ('jumlah_baris', models.PositiveIntegerField(blank=True, null=True, verbose_name='jumlah baris')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='pengguna')),
                        ('pegawai', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.PORTAL_PERSON_MODEL, verbose_name='data milik')),
                    ],
                    options={
                        'verbose_name': 'log akses data pribadi',
                        'verbose_name_plural': 'log akses data pribadi',
                        'db_table': 'pegawai_akseslog',
                        'ordering': ['-waktu'],
                        'indexes': [
                            models.Index(fields=['user', '-waktu'], name='pegawai_aks_user_id_9c7f39_idx'),
                            models.Index(fields=['pegawai', '-waktu'], name='pegawai_aks_pegawai_a81a24_idx'),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name='Pekerjaan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('jenis', models.CharField(max_length=50, verbose_name='jenis')),
                        ('judul', models.CharField(max_length=255, verbose_name='judul')),
                        ('parameter', models.JSONField(blank=True, default=dict, verbose_name='parameter')),
                        ('status', models.CharField(choices=[('MENUNGGU', 'Menunggu'), ('BERJALAN', 'Berjalan'), ('SELESAI', 'Selesai'), ('GAGAL', 'Gagal')], default='MENUNGGU', max_length=10, verbose_name='status')),
                        ('selesai_n', models.PositiveIntegerField(default=0, verbose_name='sudah')),
                        ('total_n', models.PositiveIntegerField(default=0, verbose_name='total')),
                        ('berkas', models.FileField(blank=True, max_length=500, upload_to=portal.models._pekerjaan_upload_to, verbose_name='berkas')),
                        ('pesan', models.TextField(blank=True, verbose_name='pesan')),
                        ('dibuat', models.DateTimeField(auto_now_add=True, verbose_name='dibuat')),
                        ('mulai', models.DateTimeField(blank=True, null=True, verbose_name='mulai')),
                        ('selesai', models.DateTimeField(blank=True, null=True, verbose_name='selesai')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pekerjaan', to=settings.AUTH_USER_MODEL, verbose_name='pemilik')),
                    ],
                    options={
                        'verbose_name': 'pekerjaan latar',
                        'verbose_name_plural': 'pekerjaan latar',
                        'db_table': 'pegawai_pekerjaan',
                        'ordering': ['-dibuat'],
                        'indexes': [models.Index(fields=['user', '-dibuat'], name='pegawai_pek_user_id_dbd813_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='Notifikasi',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('jenis', models.CharField(max_length=50, verbose_name='jenis')),
                        ('tanggal', models.DateField(default=django.utils.timezone.localdate, verbose_name='tanggal')),
                        ('judul', models.CharField(max_length=200, verbose_name='judul')),
                        ('pesan', models.TextField(blank=True, verbose_name='pesan')),
                        ('url', models.CharField(blank=True, max_length=500, verbose_name='tautan')),
                        ('dibaca', models.DateTimeField(blank=True, null=True, verbose_name='dibaca')),
                        ('dikirim_surel', models.DateTimeField(blank=True, null=True, verbose_name='surel terkirim')),
                        ('dibuat', models.DateTimeField(auto_now_add=True, verbose_name='dibuat')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifikasi', to=settings.AUTH_USER_MODEL, verbose_name='penerima')),
                    ],
                    options={
                        'verbose_name': 'notifikasi',
                        'verbose_name_plural': 'notifikasi',
                        'db_table': 'pegawai_notifikasi',
                        'ordering': ['-dibuat'],
                        'indexes': [models.Index(fields=['user', 'dibaca', '-dibuat'], name='pegawai_not_user_id_47905c_idx')],
                        'constraints': [models.UniqueConstraint(fields=('user', 'jenis', 'tanggal'), name='notifikasi_sekali_per_hari')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
