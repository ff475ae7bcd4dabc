"""AksesLog, Pekerjaan and Notifikasi moved to the portal app (issue 7). Only Django's idea of which app owns them
changes: their tables, rows, indexes and constraints stay as they are, and ``portal 0001`` takes them over."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('pegawai', '0004_notifikasi'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='AksesLog'),
                migrations.DeleteModel(name='Pekerjaan'),
                migrations.DeleteModel(name='Notifikasi'),
            ],
            database_operations=[],
        ),
    ]
