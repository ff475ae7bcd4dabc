# Issue 8 §6: the reason of a perubahan SKP, on the new version (blank on versions made before it was asked), and
# the pejabat penilai's record of a bawahan RHK's role in the atasan's result (cascading langsung / tidak langsung)
# for the Matriks Peran Hasil. Both tracked (pghistory): the audit event tables and triggers gain the columns.

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("skp", "0002_perilaku_kerja_berakhlak"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="rencanahasilkerja",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="rencanahasilkerja",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="rencanahasilkerja",
            name="delete_delete",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="skp",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="skp",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="skp",
            name="delete_delete",
        ),
        migrations.AddField(
            model_name="rencanahasilkerja",
            name="peran_hasil",
            field=models.CharField(
                blank=True,
                choices=[("langsung", "Langsung"), ("tidak_langsung", "Tidak langsung")],
                help_text="Cascading langsung atau tidak langsung, dicatat pejabat penilai di Matriks Peran Hasil.",
                max_length=20,
                verbose_name="peran dalam hasil atasan",
            ),
        ),
        migrations.AddField(
            model_name="rencanahasilkerjaevent",
            name="peran_hasil",
            field=models.CharField(
                blank=True,
                choices=[("langsung", "Langsung"), ("tidak_langsung", "Tidak langsung")],
                help_text="Cascading langsung atau tidak langsung, dicatat pejabat penilai di Matriks Peran Hasil.",
                max_length=20,
                verbose_name="peran dalam hasil atasan",
            ),
        ),
        migrations.AddField(
            model_name="skp",
            name="alasan_perubahan",
            field=models.TextField(blank=True, verbose_name="alasan perubahan"),
        ),
        migrations.AddField(
            model_name="skpevent",
            name="alasan_perubahan",
            field=models.TextField(blank=True, verbose_name="alasan perubahan"),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rencanahasilkerja",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "skp_rencanahasilkerjaevent" ("acuan", "acuan_jenis", "asal_id", "catatan_peninjauan", "id", "intervensi_id", "jenis", "peran_hasil", "perlu_ditinjau", "perspektif", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "skp_id", "teks", "urutan") VALUES (NEW."acuan", NEW."acuan_jenis", NEW."asal_id", NEW."catatan_peninjauan", NEW."id", NEW."intervensi_id", NEW."jenis", NEW."peran_hasil", NEW."perlu_ditinjau", NEW."perspektif", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."skp_id", NEW."teks", NEW."urutan"); RETURN NULL;',
                    hash="f4392b51166ab40fb1dc4ef501b5c03bcc47a050",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_3c2a3",
                    table="skp_rencanahasilkerja",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rencanahasilkerja",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "skp_rencanahasilkerjaevent" ("acuan", "acuan_jenis", "asal_id", "catatan_peninjauan", "id", "intervensi_id", "jenis", "peran_hasil", "perlu_ditinjau", "perspektif", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "skp_id", "teks", "urutan") VALUES (NEW."acuan", NEW."acuan_jenis", NEW."asal_id", NEW."catatan_peninjauan", NEW."id", NEW."intervensi_id", NEW."jenis", NEW."peran_hasil", NEW."perlu_ditinjau", NEW."perspektif", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."skp_id", NEW."teks", NEW."urutan"); RETURN NULL;',
                    hash="88511a03e80854e7afcaa23cd2b1d7d5bed66ff0",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_f0e28",
                    table="skp_rencanahasilkerja",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="rencanahasilkerja",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "skp_rencanahasilkerjaevent" ("acuan", "acuan_jenis", "asal_id", "catatan_peninjauan", "id", "intervensi_id", "jenis", "peran_hasil", "perlu_ditinjau", "perspektif", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "skp_id", "teks", "urutan") VALUES (OLD."acuan", OLD."acuan_jenis", OLD."asal_id", OLD."catatan_peninjauan", OLD."id", OLD."intervensi_id", OLD."jenis", OLD."peran_hasil", OLD."perlu_ditinjau", OLD."perspektif", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."skp_id", OLD."teks", OLD."urutan"); RETURN NULL;',
                    hash="e88606ba391891ec17a1c9ea0a7aeaf359811914",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_e7b86",
                    table="skp_rencanahasilkerja",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="skp",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "skp_skpevent" ("alasan_perubahan", "atasan_pejabat_penilai_id", "diajukan_pada", "dibuat_pada", "digantikan_pada", "disetujui_pada", "format", "id", "identitas_atasan_penilai", "identitas_pegawai", "identitas_penilai", "jabatan_id", "pegawai_id", "pejabat_penilai_id", "pendekatan", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "tahun", "tanggal_mulai", "tanggal_selesai", "versi", "versi_sebelumnya_id") VALUES (NEW."alasan_perubahan", NEW."atasan_pejabat_penilai_id", NEW."diajukan_pada", NEW."dibuat_pada", NEW."digantikan_pada", NEW."disetujui_pada", NEW."format", NEW."id", NEW."identitas_atasan_penilai", NEW."identitas_pegawai", NEW."identitas_penilai", NEW."jabatan_id", NEW."pegawai_id", NEW."pejabat_penilai_id", NEW."pendekatan", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."status", NEW."tahun", NEW."tanggal_mulai", NEW."tanggal_selesai", NEW."versi", NEW."versi_sebelumnya_id"); RETURN NULL;',
                    hash="12473950c407d981da716abe657fe6ef166f727c",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_4e6ec",
                    table="skp_skp",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="skp",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "skp_skpevent" ("alasan_perubahan", "atasan_pejabat_penilai_id", "diajukan_pada", "dibuat_pada", "digantikan_pada", "disetujui_pada", "format", "id", "identitas_atasan_penilai", "identitas_pegawai", "identitas_penilai", "jabatan_id", "pegawai_id", "pejabat_penilai_id", "pendekatan", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "tahun", "tanggal_mulai", "tanggal_selesai", "versi", "versi_sebelumnya_id") VALUES (NEW."alasan_perubahan", NEW."atasan_pejabat_penilai_id", NEW."diajukan_pada", NEW."dibuat_pada", NEW."digantikan_pada", NEW."disetujui_pada", NEW."format", NEW."id", NEW."identitas_atasan_penilai", NEW."identitas_pegawai", NEW."identitas_penilai", NEW."jabatan_id", NEW."pegawai_id", NEW."pejabat_penilai_id", NEW."pendekatan", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."status", NEW."tahun", NEW."tanggal_mulai", NEW."tanggal_selesai", NEW."versi", NEW."versi_sebelumnya_id"); RETURN NULL;',
                    hash="8fdb816f8e7d168cf1ac340770ff03c3d3357ff7",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_ddd4b",
                    table="skp_skp",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="skp",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "skp_skpevent" ("alasan_perubahan", "atasan_pejabat_penilai_id", "diajukan_pada", "dibuat_pada", "digantikan_pada", "disetujui_pada", "format", "id", "identitas_atasan_penilai", "identitas_pegawai", "identitas_penilai", "jabatan_id", "pegawai_id", "pejabat_penilai_id", "pendekatan", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "tahun", "tanggal_mulai", "tanggal_selesai", "versi", "versi_sebelumnya_id") VALUES (OLD."alasan_perubahan", OLD."atasan_pejabat_penilai_id", OLD."diajukan_pada", OLD."dibuat_pada", OLD."digantikan_pada", OLD."disetujui_pada", OLD."format", OLD."id", OLD."identitas_atasan_penilai", OLD."identitas_pegawai", OLD."identitas_penilai", OLD."jabatan_id", OLD."pegawai_id", OLD."pejabat_penilai_id", OLD."pendekatan", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."status", OLD."tahun", OLD."tanggal_mulai", OLD."tanggal_selesai", OLD."versi", OLD."versi_sebelumnya_id"); RETURN NULL;',
                    hash="4d2c1c1662468ccc8205b420ecb51d44c5c81003",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_98226",
                    table="skp_skp",
                    when="AFTER",
                ),
            ),
        ),
    ]
