from django.db import migrations, models

# Who acted in an event: the user id its context names (pghistory's metadata "user"), or null. In one place, for
# the trigger below and for the copy of earlier events' positions (portal.audit.pasang_pembaca). PL/pgSQL, whose
# statement is planned once per connection: as a SQL function it cost each written event 22 µs more.
FUNGSI_AKTOR = """
CREATE FUNCTION portal_aktor_audit(konteks uuid) RETURNS integer LANGUAGE plpgsql STABLE AS $$
DECLARE
  pengguna text;
BEGIN
  IF konteks IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT c.metadata->>'user' INTO pengguna FROM pghistory_context c WHERE c.id = konteks;
  RETURN CASE WHEN pengguna ~ '^[0-9]{1,9}$' THEN pengguna::integer END;
END
$$
"""

# Called by a trigger on every event table (portal.audit installs them after each migrate, one per tracked model,
# the model's label as argument): the event's position is written or removed with the event, in its transaction.
# A position already there is kept: rows restored with their positions (a test database's serialized contents).
FUNGSI_POSISI = """
CREATE FUNCTION portal_posisi_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO portal_posisiaudit (model, pgh_created_at, pgh_id, pgh_label, user_id)
    VALUES (TG_ARGV[0], NEW.pgh_created_at, NEW.pgh_id, NEW.pgh_label, portal_aktor_audit(NEW.pgh_context_id))
    ON CONFLICT DO NOTHING;
  ELSE
    DELETE FROM portal_posisiaudit
    WHERE model = TG_ARGV[0] AND pgh_created_at = OLD.pgh_created_at AND pgh_id = OLD.pgh_id;
  END IF;
  RETURN NULL;
END
$$
"""


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_pekerjaan_tautan"),
    ]

    operations = [
        migrations.CreateModel(
            name="PosisiAudit",
            fields=[
                ("model", models.CharField(db_collation="C", max_length=100)),
                ("pgh_created_at", models.DateTimeField()),
                ("pgh_id", models.IntegerField()),
                ("pgh_label", models.CharField(max_length=100)),
                ("user_id", models.IntegerField(null=True)),
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "pgh_created_at",
                        "pgh_id",
                        "model",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
            ],
            options={
                "verbose_name": "posisi riwayat",
                "verbose_name_plural": "posisi riwayat",
                "indexes": [
                    models.Index(
                        condition=models.Q(("user_id__isnull", False)),
                        fields=["user_id", "pgh_created_at", "pgh_id"],
                        name="portal_posisi_aktor",
                    ),
                    models.Index(fields=["pgh_label", "pgh_created_at", "pgh_id"], name="portal_posisi_label"),
                ],
            },
        ),
        migrations.RunSQL(FUNGSI_AKTOR, "DROP FUNCTION portal_aktor_audit(uuid)"),
        migrations.RunSQL(FUNGSI_POSISI, "DROP FUNCTION portal_posisi_audit() CASCADE"),
    ]
