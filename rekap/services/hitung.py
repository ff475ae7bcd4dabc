"""The recap computation (docs/ATURAN.md, "Rekap kinerja per periode"): per OPD, set-based — one ``SELECT`` of the
OPD's pegawai (ids, passed on as arrays so the planner knows their number), one ``INSERT … SELECT … ON CONFLICT``
for their RekapPegawai rows plus one ``DELETE`` of the OPD's rows not rewritten, the same for RekapRhk, in one
transaction; then :func:`hitung_agregat` writes the RekapUnit rows (unit kerja, OPD, city) with one
``INSERT … SELECT … GROUP BY … ON CONFLICT`` per level. Never a loop over pegawai or activities: the calendar of the
period (working days per week length, each day's share of the monthly target, each month's verification deadline)
is worked out in Python with kinerja's rules and passed to SQL as arrays, as :mod:`disiplin.services.fakta` does.

A pegawai's row belongs to the OPD of the last position they held in the period (``riwayat_jabatan``), and counts
every position they held in it, in whichever OPD — so each pegawai is written by exactly one OPD's run, and the
runs of one night never touch each other's rows. Running twice, or a redelivered task beside the first delivery,
gives the same rows: the upserts are keyed on (periode, pegawai) and (periode, rhk), a transaction-level advisory
lock per period-OPD serialises two runs of the same OPD, and what a run did not (re)write is what stopped being
true (a pegawai who left). A closed period is never written: the runs hold the period's advisory lock shared and
read its status under it; closing and reopening (:mod:`rekap.services.periode`) take it exclusively.

Indexes the statements use: riwayat_jabatan by pegawai, kinerja_ringkasanaktivitas (pegawai, bulan, …),
kehadiran's partial (pegawai, tanggal) of the excused days, fakta_disiplin by pegawai, skp (pegawai, tahun),
evaluasi and permasalahan by pegawai, the recap tables' unique keys (the upserts' arbiters) and
rekap_rekappegawai (periode, perangkat_daerah, unit_kerja) / rekap_rekaprhk (periode, perangkat_daerah) for the
deletes and the aggregate.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from disiplin.choices import KETERANGAN_SAH, JenisFakta
from disiplin.models import FaktaDisiplin, Kehadiran
from kinerja import rules, waktu
from kinerja.choices import HariKerjaPerMinggu
from kinerja.models import PengaturanKinerja, RingkasanAktivitas
from kinerja.pengingat import advisory_lock_key
from kinerja.ringkasan import HARI_VERIFIKASI
from kinerja.selectors.kalender import hari_kerja_per_minggu, libur_antara
from pegawai.models import Jabatan, Pegawai, PerangkatDaerah, RiwayatJabatan, UnitKerja
from penilaian.choices import JenisPermasalahan, StatusEvaluasi
from penilaian.models import Evaluasi, PeriodePenilaian, PermasalahanKinerja
from skp.choices import Aspek, SkpStatus, StatusRekap
from skp.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp

from ..choices import StatusPeriodeRekap, TingkatRekap
from ..models import ANGKA, PeriodeRekap, RekapPegawai, RekapRhk, RekapUnit
from ..selectors.publik import transparansi_hapus_cache
from .periode import PERIODE_KINERJA, kunci_periode, pastikan_admin_bkpsdm

# Holidays read past the period's end: the verification deadline of its last month is at most the 20th working
# day of the next month (PengaturanKinerja's validator).
_LIBUR_MAJU = datetime.timedelta(days=45)


def _tabel() -> dict[str, str]:
    qn = connection.ops.quote_name
    model = {
        "riwayat": RiwayatJabatan,
        "pegawai": Pegawai,
        "jabatan": Jabatan,
        "unit": UnitKerja,
        "ringkasan": RingkasanAktivitas,
        "kehadiran": Kehadiran,
        "fakta": FaktaDisiplin,
        "skp": Skp,
        "rhk": RencanaHasilKerja,
        "iki": IndikatorKinerjaIndividu,
        "evaluasi": Evaluasi,
        "masalah": PermasalahanKinerja,
        "rekap_pegawai": RekapPegawai,
        "rekap_rhk": RekapRhk,
        "rekap_unit": RekapUnit,
    }
    return {k: qn(m._meta.db_table) for k, m in model.items()}


# The week length of the unit of position ``{j}`` (a pegawai without a position: the instansi default).
_MINGGU = "CASE WHEN {j}.unit_kerja_id = ANY(%(unit_lain)s::bigint[]) THEN %(minggu_lain)s ELSE %(minggu_bawaan)s END"

# The pegawai of the OPD for this period — those whose last position held in the period is in it — with the unit
# and last day of that position, and the week length of the position they hold today (their verification deadline,
# as kinerja's lock has it). Read first and passed to the writing statements as arrays: the planner then knows
# how many they are (a CTE ending in DISTINCT ON … WHERE is estimated at one row, and the joins built on that
# estimate grow with the square of the OPD's size). Read as four array literals in one row and sent back as they
# are: as Python lists, 9,000 pegawai made 36,000 values to convert and a statement of ARRAY[…] with a cast per
# date for the server to parse.
_SQL_MILIK = """
WITH calon(pegawai_id) AS (
    SELECT DISTINCT r.pegawai_id
    FROM {riwayat} r
    JOIN {pegawai} p ON p.id = r.pegawai_id
    JOIN {jabatan} j ON j.id = r.jabatan_id
    JOIN {unit} u ON u.id = j.unit_kerja_id
    WHERE u.perangkat_daerah_id = %(opd)s AND r.tmt <= %(akhir)s
      AND (r.tanggal_selesai >= %(awal)s OR (r.tanggal_selesai IS NULL AND p.aktif))
)
SELECT COALESCE(array_agg(terakhir.pegawai_id ORDER BY terakhir.pegawai_id)::text, '{{}}'),
       COALESCE(array_agg(terakhir.unit_kerja_id ORDER BY terakhir.pegawai_id)::text, '{{}}'),
       COALESCE(array_agg(terakhir.sampai ORDER BY terakhir.pegawai_id)::text, '{{}}'),
       COALESCE(array_agg({minggu_jp} ORDER BY terakhir.pegawai_id)::text, '{{}}')
FROM (
    SELECT DISTINCT ON (r.pegawai_id) r.pegawai_id, j.unit_kerja_id, u.perangkat_daerah_id,
           LEAST(COALESCE(r.tanggal_selesai, %(akhir)s::date), %(akhir)s::date) AS sampai
    FROM calon c
    JOIN {riwayat} r ON r.pegawai_id = c.pegawai_id
    JOIN {pegawai} p ON p.id = r.pegawai_id
    JOIN {jabatan} j ON j.id = r.jabatan_id
    JOIN {unit} u ON u.id = j.unit_kerja_id
    WHERE r.tmt <= %(akhir)s AND (r.tanggal_selesai >= %(awal)s OR (r.tanggal_selesai IS NULL AND p.aktif))
    ORDER BY r.pegawai_id, sampai DESC, r.tmt DESC
) terakhir
JOIN {pegawai} p ON p.id = terakhir.pegawai_id
LEFT JOIN {jabatan} jp ON jp.id = p.jabatan_id
WHERE terakhir.perangkat_daerah_id = %(opd)s
"""

# The OPD's pegawai (:data:`_SQL_MILIK`) and every position they held in the period (clipped to it, in any OPD)
# with its unit's week length.
_SQL_POSISI = """
milik(pegawai_id, unit_kerja_id, akhir_p, minggu) AS MATERIALIZED (
    SELECT * FROM unnest(%(m_pegawai)s::bigint[], %(m_unit)s::bigint[], %(m_akhir)s::date[], %(m_minggu)s::int[])
),
rj(pegawai_id, dari, sampai, minggu) AS (
    SELECT r.pegawai_id, GREATEST(r.tmt, %(awal)s::date),
           LEAST(COALESCE(r.tanggal_selesai, %(akhir)s::date), %(akhir)s::date), {minggu_j}
    FROM milik m
    JOIN {riwayat} r ON r.pegawai_id = m.pegawai_id
    JOIN {pegawai} p ON p.id = r.pegawai_id
    JOIN {jabatan} j ON j.id = r.jabatan_id
    WHERE r.tmt <= %(akhir)s
      AND (r.tanggal_selesai >= %(awal)s OR (r.tanggal_selesai IS NULL AND p.aktif))
)"""

# The calendar of the period, one row per month (periods start on the 1st, so bit ``d - 1`` of a month's mask is
# its day ``d``): the working days up to yesterday on each week length, each one's share of the month's target, and
# the month's verification deadline per week length (also as arrays indexed by month number, read per activity).
_SQL_BULAN = """
bulan(no, awal, akhir, kal_lima, kal_enam, bobot_lima, bobot_enam) AS (
    SELECT * FROM unnest(%(bulan_no)s::int[], %(bulan_awal)s::date[], %(bulan_akhir)s::date[], %(kal_lima)s::bigint[],
                         %(kal_enam)s::bigint[], %(bobot_lima)s::numeric[], %(bobot_enam)s::numeric[])
),
-- Per pegawai and month: the working days of the positions held (their days clipped to each position) on each
-- week length, and the days of cuti, sakit and dinas luar (not working days, kehadiran's KETERANGAN_SAH).
pb(pegawai_id, bulan, lima, enam) AS (
    SELECT rj.pegawai_id, b.no,
           bit_or(CASE WHEN rj.minggu = %(lima)s THEN b.kal_lima & r.hari ELSE 0 END),
           bit_or(CASE WHEN rj.minggu = %(lima)s THEN 0 ELSE b.kal_enam & r.hari END)
    FROM rj
    JOIN bulan b ON rj.dari <= b.akhir AND rj.sampai >= b.awal
    CROSS JOIN LATERAL (
        SELECT GREATEST(rj.dari, b.awal) - b.awal AS d0, LEAST(rj.sampai, b.akhir) - b.awal AS d1
    ) d
    CROSS JOIN LATERAL (SELECT ((1::bigint << (d.d1 - d.d0 + 1)) - 1) << d.d0 AS hari) r
    GROUP BY rj.pegawai_id, b.no
),
absen(pegawai_id, bulan, hari) AS (
    SELECT k.pegawai_id, (%(hari_bulan)s::int[])[k.tanggal - %(awal)s::date + 1],
           bit_or((%(hari_bit)s::bigint[])[k.tanggal - %(awal)s::date + 1])
    FROM milik m
    JOIN {kehadiran} k ON k.pegawai_id = m.pegawai_id
    WHERE k.tanggal BETWEEN %(awal)s AND %(akhir)s AND k.keterangan = ANY(%(sah)s::text[])
    GROUP BY 1, 2
),
-- The OPD's activities of the period per pegawai, month, RHK and satuan, from kinerja's monthly summary (kept on
-- every activity write, a few rows per pegawai-month): the days with a report as a mask, the counts by status,
-- approved minutes and volume, verified, and verified by the deadline on either week length (``verif_c`` counts
-- the verifications by day of the month; the pegawai's own week length is chosen below). Both the pegawai rows
-- and the RHK rows are summed from these groups. Read per pegawai through the summary's key (LATERAL), its
-- arrays indexed where they are read: joined instead, a large OPD hashed the whole city's month with both
-- arrays in every row (500 bytes) — 0.2 s of the largest OPD's 0.9 s, against 0.1 s this way.
ag AS MATERIALIZED (
    SELECT m.pegawai_id, f.*
    FROM milik m
    CROSS JOIN LATERAL (
        SELECT extract(month FROM f.bulan)::int AS bulan, NULLIF(f.rhk_id, 0) AS rhk_id, f.satuan, f.hari, f.n,
               f.disetujui_n, f.ditolak_n, f.menunggu_n, f.menit, f.volume,
               f.verif_c[%(verif_semua)s] AS diverifikasi_n,
               f.verif_c[(%(tepat_lima)s::int[])[extract(month FROM f.bulan)::int]] AS tepat_lima,
               f.verif_c[(%(tepat_enam)s::int[])[extract(month FROM f.bulan)::int]] AS tepat_enam
        FROM {ringkasan} f
        WHERE f.pegawai_id = m.pegawai_id AND f.bulan = ANY(%(bulan_awal)s::date[]) AND f.n > 0
        OFFSET 0  -- kept a subquery: pulled up, it would be planned as the join again
    ) f
),"""

_SQL_PEGAWAI = """
-- Per pegawai and month: the working-day masks of the positions held, the days of cuti, sakit and dinas luar, and
-- the days with a report, in ONE grouping of the three sources. (Joined instead, the planner — reckoning a few
-- pegawai-months where there are hundreds — compared every pegawai's row with every other's.)
hari(pegawai_id, bulan, lima, enam, absen, lapor) AS (
    SELECT pegawai_id, bulan, bit_or(lima), bit_or(enam), bit_or(absen), bit_or(lapor)
    FROM (
        SELECT pegawai_id, bulan, lima, enam, 0::bigint AS absen, 0::bigint AS lapor FROM pb
      UNION ALL
        SELECT pegawai_id, bulan, 0::bigint, 0::bigint, hari, 0::bigint FROM absen
      UNION ALL
        SELECT pegawai_id, bulan, 0::bigint, 0::bigint, 0::bigint, hari FROM ag
    ) sumber
    GROUP BY pegawai_id, bulan
),
-- Working days, those with a report, and the minutes target: on a day two positions of different week lengths
-- share (a transfer), the larger share of the target counts once.
hk(pegawai_id, hari_kerja, hari_lapor, menit_target) AS (
    SELECT h.pegawai_id,
           sum(bit_count(((h.lima | h.enam) & ~h.absen)::bit(64))),
           sum(bit_count(((h.lima | h.enam) & ~h.absen & h.lapor)::bit(64))),
           round(sum(bit_count((h.lima & ~h.enam & ~h.absen)::bit(64)) * b.bobot_lima
                     + bit_count((h.enam & ~h.lima & ~h.absen)::bit(64)) * b.bobot_enam
                     + bit_count((h.lima & h.enam & ~h.absen)::bit(64)) * GREATEST(b.bobot_lima, b.bobot_enam)))
    FROM hari h
    JOIN bulan b ON b.no = h.bulan
    GROUP BY h.pegawai_id
),
-- Verified on time on either week length; the pegawai's own (``milik.minggu``) is chosen when the row is written.
akt AS (
    SELECT ag.pegawai_id,
           sum(ag.n) AS aktivitas_n,
           sum(ag.disetujui_n) AS aktivitas_disetujui_n,
           sum(ag.ditolak_n) AS aktivitas_ditolak_n,
           sum(ag.menunggu_n) AS aktivitas_menunggu_n,
           COALESCE(sum(ag.menit), 0) AS menit_disetujui,
           sum(ag.diverifikasi_n) AS diverifikasi_n,
           sum(ag.tepat_lima) AS tepat_lima,
           sum(ag.tepat_enam) AS tepat_enam
    FROM ag
    GROUP BY ag.pegawai_id
),
fk AS (
    SELECT f.pegawai_id,
           count(*) FILTER (WHERE f.jenis = %(j_tanpa)s) AS hari_tanpa_laporan,
           COALESCE(sum(f.jumlah) FILTER (WHERE f.jenis = %(j_entri)s), 0) AS entri_terlambat_n,
           COALESCE(sum(f.jumlah) FILTER (WHERE f.jenis = %(j_verifikasi)s), 0) AS verifikasi_terlambat_n,
           COALESCE(sum(f.jumlah) FILTER (WHERE f.jenis = %(j_tidak)s), 0) AS tidak_diverifikasi_n
    FROM milik m
    JOIN {fakta} f ON f.pegawai_id = m.pegawai_id
    WHERE f.tanggal BETWEEN %(awal)s AND %(akhir)s
    GROUP BY f.pegawai_id
),
ms AS (
    SELECT x.pegawai_id,
           count(*) FILTER (WHERE x.jenis = %(substansi)s) AS masalah_substansi_n,
           count(*) FILTER (WHERE x.jenis = %(perilaku)s) AS masalah_perilaku_n
    FROM milik m
    JOIN {masalah} x ON x.pegawai_id = m.pegawai_id
    WHERE x.dihapus_pada IS NULL
      AND (x.dicatat_pada AT TIME ZONE %(tz)s)::date BETWEEN %(awal)s AND %(akhir)s
    GROUP BY x.pegawai_id
),
sp AS (
    SELECT DISTINCT ON (s.pegawai_id) s.pegawai_id, s.status
    FROM milik m
    JOIN {skp} s ON s.pegawai_id = m.pegawai_id AND s.tahun = %(tahun)s
    WHERE s.digantikan_pada IS NULL AND s.tanggal_mulai <= m.akhir_p AND s.tanggal_selesai >= m.akhir_p
    ORDER BY s.pegawai_id, (s.status = %(skp_disetujui)s) DESC, s.versi DESC, s.id DESC
),
ev AS (
    SELECT DISTINCT ON (e.pegawai_id) e.pegawai_id, e.status, e.predikat
    FROM milik m
    JOIN {evaluasi} e ON e.pegawai_id = m.pegawai_id
    WHERE e.periode_id = %(periode_penilaian)s
    ORDER BY e.pegawai_id, e.tanggal DESC, e.id DESC
)"""
# The RHK of the approved SKP in force (not replaced by a perubahan) overlapping the period, of the OPD's pegawai;
# the activities entered on an earlier version of an RHK count on it (``asal`` within the chain of versions, the
# rule of skp.selectors.rhk.rhk_penerus). Per kuantitas IKI with a target, the approved volume in its satuan
# against target_min (kinerja.selectors.realisasi.RealisasiIki.persen_capaian); the RHK's percentage is their mean.
# Written by a data-modifying CTE of the same statement, from the same activity groups (``ag``).
_SQL_RHK = """
rhk_ini(rhk_id, pegawai_id) AS (
    SELECT rh.id, s.pegawai_id
    FROM milik m
    JOIN {skp} s ON s.pegawai_id = m.pegawai_id AND s.tahun = %(tahun)s
    JOIN {rhk} rh ON rh.skp_id = s.id
    WHERE s.status = %(skp_disetujui)s AND s.digantikan_pada IS NULL
      AND s.tanggal_mulai <= %(akhir)s AND s.tanggal_selesai >= %(awal)s
),
rantai(rhk_id, sumber_id) AS (
    SELECT rhk_id, rhk_id FROM rhk_ini
  UNION ALL
    SELECT c.rhk_id, r0.id
    FROM rantai c
    JOIN {rhk} r1 ON r1.id = c.sumber_id
    JOIN {skp} s1 ON s1.id = r1.skp_id
    JOIN {rhk} r0 ON r0.id = r1.asal_id AND r0.skp_id = s1.versi_sebelumnya_id
),
akt_rhk(rhk_id, satuan, volume, menit, n) AS (
    SELECT c.rhk_id, lower(trim(ag.satuan)), sum(ag.volume), sum(ag.menit), sum(ag.disetujui_n)
    FROM rantai c
    JOIN ag ON ag.rhk_id = c.sumber_id
    GROUP BY c.rhk_id, lower(trim(ag.satuan))
),
jumlah(rhk_id, n, menit) AS (
    SELECT rhk_id, sum(n), sum(menit) FROM akt_rhk GROUP BY rhk_id
),
persen(rhk_id, persen) AS (
    SELECT i.rhk_id, LEAST(round(avg(COALESCE(x.volume, 0) * 100 / i.target_min), 2), 9999999.99)
    FROM rhk_ini ri
    JOIN {iki} i ON i.rhk_id = ri.rhk_id
    LEFT JOIN akt_rhk x ON x.rhk_id = i.rhk_id AND x.satuan = lower(trim(i.satuan))
    WHERE i.aspek = %(kuantitas)s AND trim(i.satuan) <> '' AND i.target_min > 0
    GROUP BY i.rhk_id
),
tulis_rhk AS (
    INSERT INTO {rekap_rhk} (periode_id, pegawai_id, perangkat_daerah_id, rhk_id, aktivitas_n, menit_disetujui,
                             persen_realisasi, dihitung_pada)
    SELECT %(periode)s, ri.pegawai_id, %(opd)s, ri.rhk_id, COALESCE(j.n, 0), COALESCE(j.menit, 0), p.persen,
           %(sekarang)s
    FROM rhk_ini ri
    LEFT JOIN jumlah j ON j.rhk_id = ri.rhk_id
    LEFT JOIN persen p ON p.rhk_id = ri.rhk_id
    ON CONFLICT (periode_id, rhk_id) DO UPDATE
    SET pegawai_id = EXCLUDED.pegawai_id, perangkat_daerah_id = EXCLUDED.perangkat_daerah_id,
        aktivitas_n = EXCLUDED.aktivitas_n, menit_disetujui = EXCLUDED.menit_disetujui,
        persen_realisasi = EXCLUDED.persen_realisasi, dihitung_pada = EXCLUDED.dihitung_pada
    RETURNING 1
)"""

_SQL_TULIS_PEGAWAI = """
INSERT INTO {rekap_pegawai} (periode_id, pegawai_id, perangkat_daerah_id, unit_kerja_id, {kolom},
                             skp_status, evaluasi_status, predikat, dihitung_pada)
SELECT %(periode)s, m.pegawai_id, %(opd)s, m.unit_kerja_id,
       COALESCE(hk.hari_kerja, 0), COALESCE(hk.hari_lapor, 0), COALESCE(fk.hari_tanpa_laporan, 0),
       COALESCE(akt.aktivitas_n, 0), COALESCE(akt.aktivitas_disetujui_n, 0), COALESCE(akt.aktivitas_ditolak_n, 0),
       COALESCE(akt.aktivitas_menunggu_n, 0), COALESCE(akt.menit_disetujui, 0), COALESCE(hk.menit_target, 0),
       COALESCE(akt.diverifikasi_n, 0),
       COALESCE(CASE WHEN m.minggu = %(lima)s THEN akt.tepat_lima ELSE akt.tepat_enam END, 0),
       COALESCE(fk.entri_terlambat_n, 0),
       COALESCE(fk.verifikasi_terlambat_n, 0), COALESCE(fk.tidak_diverifikasi_n, 0),
       COALESCE(ms.masalah_substansi_n, 0), COALESCE(ms.masalah_perilaku_n, 0),
       COALESCE(sp.status, %(belum_dibuat)s), COALESCE(ev.status, ''), ev.predikat, %(sekarang)s
FROM milik m
LEFT JOIN hk ON hk.pegawai_id = m.pegawai_id
LEFT JOIN akt ON akt.pegawai_id = m.pegawai_id
LEFT JOIN fk ON fk.pegawai_id = m.pegawai_id
LEFT JOIN ms ON ms.pegawai_id = m.pegawai_id
LEFT JOIN sp ON sp.pegawai_id = m.pegawai_id
LEFT JOIN ev ON ev.pegawai_id = m.pegawai_id
ON CONFLICT (periode_id, pegawai_id) DO UPDATE SET {set_kolom}
"""

_SQL_HAPUS = (
    "DELETE FROM {tabel} WHERE periode_id = %(periode)s AND perangkat_daerah_id = %(opd)s"
    " AND dihitung_pada <> %(sekarang)s"
)

# One level of the aggregate: {pilih} the scope columns, {kelompok} the GROUP BY.
_SQL_AGREGAT = """
INSERT INTO {rekap_unit} (periode_id, tingkat, kunci, perangkat_daerah_id, unit_kerja_id, {kolom}, pegawai_n,
                          pegawai_lapor_n, skp_disetujui_n, evaluasi_final_n, predikat_1_n, predikat_2_n,
                          predikat_3_n, predikat_4_n, predikat_5_n, dihitung_pada)
SELECT %(periode)s, {pilih}, {jumlah}, count(*), count(*) FILTER (WHERE hari_lapor > 0),
       count(*) FILTER (WHERE skp_status = %(skp_disetujui)s), count(*) FILTER (WHERE evaluasi_status = %(final)s),
       {predikat}, %(sekarang)s
FROM {rekap_pegawai}
WHERE periode_id = %(periode)s
{kelompok}
ON CONFLICT (periode_id, kunci) DO UPDATE SET {set_kolom}
"""
_TINGKAT = [
    (
        "%(unit)s, 'unit:' || unit_kerja_id, perangkat_daerah_id, unit_kerja_id",
        "GROUP BY perangkat_daerah_id, unit_kerja_id",
    ),
    ("%(opd)s, 'opd:' || perangkat_daerah_id, perangkat_daerah_id, NULL::bigint", "GROUP BY perangkat_daerah_id"),
    ("%(kota)s, 'kota', NULL::bigint, NULL::bigint", ""),
]


def _sql_opd(t: dict[str, str]) -> str:
    """The one statement writing an OPD's RekapPegawai and RekapRhk rows."""
    kolom = ", ".join(ANGKA)
    ubah = [*ANGKA, "perangkat_daerah_id", "unit_kerja_id", "skp_status", "evaluasi_status", "predikat"]
    ubah.append("dihitung_pada")
    posisi = _SQL_POSISI.format(minggu_j=_MINGGU.format(j="j"), **t)
    pegawai = _SQL_PEGAWAI.format(**t)
    tulis = _SQL_TULIS_PEGAWAI.format(kolom=kolom, set_kolom=", ".join(f"{c} = EXCLUDED.{c}" for c in ubah), **t)
    return f"WITH RECURSIVE {posisi},\n{_SQL_BULAN.format(**t)}\n{pegawai},\n{_SQL_RHK.format(**t)}\n{tulis}"


def _sql_agregat(t: dict[str, str], pilih: str, kelompok: str) -> str:
    jumlah = ", ".join(f"COALESCE(sum({c}), 0)" for c in ANGKA)
    predikat = ", ".join(f"count(*) FILTER (WHERE evaluasi_status = %(final)s AND predikat = {k})" for k in range(1, 6))
    ubah = [
        *ANGKA,
        "tingkat",
        "perangkat_daerah_id",
        "unit_kerja_id",
        "pegawai_n",
        "pegawai_lapor_n",
        "skp_disetujui_n",
        "evaluasi_final_n",
        *(f"predikat_{k}_n" for k in range(1, 6)),
        "dihitung_pada",
    ]
    return _SQL_AGREGAT.format(
        kolom=", ".join(ANGKA),
        pilih=pilih,
        jumlah=jumlah,
        predikat=predikat,
        kelompok=kelompok,
        set_kolom=", ".join(f"{c} = EXCLUDED.{c}" for c in ubah),
        **t,
    )


def konteks(periode: PeriodeRekap, hari_ini: datetime.date | None = None) -> dict:
    """The calendar parameters of a period as of ``hari_ini`` (default kinerja's today), the same for every OPD:
    working days up to yesterday on both week lengths with each day's share of its month's target, each month's
    verification deadline per week length, the matching evaluation period. Four or five queries."""
    hari_ini = hari_ini or waktu.hari_ini()
    pengaturan = PengaturanKinerja.get_solo()
    libur = frozenset(libur_antara(periode.mulai, periode.selesai + _LIBUR_MAJU))
    minggu = hari_kerja_per_minggu(UnitKerja.objects.values_list("pk", flat=True), pengaturan)
    bawaan = pengaturan.hari_kerja_per_minggu
    lain = HariKerjaPerMinggu.ENAM if bawaan == HariKerjaPerMinggu.LIMA else HariKerjaPerMinggu.LIMA
    # Days still to come are not counted yet: the open month is recomputed nightly up to yesterday.
    sampai = min(periode.selesai, hari_ini - datetime.timedelta(days=1))
    bulan_awal = [
        rules.rentang_bulan(periode.tahun, b)[0] for b in range(periode.mulai.month, periode.selesai.month + 1)
    ]
    bulan_akhir = [rules.rentang_bulan(b.year, b.month)[1] for b in bulan_awal]
    hari = [periode.mulai + datetime.timedelta(days=i) for i in range((periode.selesai - periode.mulai).days + 1)]
    kal = {}  # week length -> per month: (working-day mask up to yesterday, each day's share of the target)
    tepat = {}  # week length -> per month number (1-12): verified on time = on or before the deadline's day
    for w in HariKerjaPerMinggu.values:
        kalender = rules.Kalender(w, libur)
        kal[w], tepat[w] = [], [None] * 12
        for awal_b, akhir_b in zip(bulan_awal, bulan_akhir, strict=True):
            kerja = [d for d in hari if awal_b <= d <= akhir_b and kalender.hari_kerja(d)]
            # kinerja's progress page: the month's target is menit_efektif_minimum, shared over its working days.
            bobot = Decimal(pengaturan.menit_efektif_minimum) / len(kerja) if kerja else Decimal(0)
            kal[w].append((sum(1 << (d.day - 1) for d in kerja if d <= sampai), bobot))
            batas = rules.batas_verifikasi(
                periode.tahun, awal_b.month, pengaturan.batas_verifikasi_hari_kerja, kalender
            )
            # The index in kinerja's summary of the last day verifying counts as on time (verif_c counts by day
            # from the 1st of the activity's month, in local time).
            tepat[w][awal_b.month - 1] = (batas - awal_b).days + 1
            if tepat[w][awal_b.month - 1] >= HARI_VERIFIKASI:
                raise ValueError(f"Batas verifikasi {batas} terlalu jauh dari bulan {awal_b:%m/%Y}.")
    lima, enam = HariKerjaPerMinggu.LIMA, HariKerjaPerMinggu.ENAM
    periode_penilaian = (
        PeriodePenilaian.objects.filter(tahun=periode.tahun, jenis=PERIODE_KINERJA[periode.jenis], nomor=periode.nomor)
        .values_list("pk", flat=True)
        .first()
    )
    return {
        "periode": periode.pk,
        "tahun": periode.tahun,
        "awal": periode.mulai,
        "akhir": periode.selesai,
        "tz": settings.TIME_ZONE,
        "unit_lain": sorted(unit for unit, w in minggu.items() if w != bawaan),
        "minggu_bawaan": bawaan,
        "minggu_lain": lain,
        "lima": int(lima),
        "bulan_no": [b.month for b in bulan_awal],
        "bulan_awal": bulan_awal,
        "bulan_akhir": bulan_akhir,
        # Indexed by day of the period (1-based): the day's month number and its bit in that month's masks.
        "hari_bulan": [d.month for d in hari],
        "hari_bit": [1 << (d.day - 1) for d in hari],
        "kal_lima": [m for m, _b in kal[lima]],
        "kal_enam": [m for m, _b in kal[enam]],
        "bobot_lima": [b for _m, b in kal[lima]],
        "bobot_enam": [b for _m, b in kal[enam]],
        "tepat_lima": tepat[lima],
        "tepat_enam": tepat[enam],
        "verif_semua": HARI_VERIFIKASI,  # verif_c's last index: every verification
        "periode_penilaian": periode_penilaian,
        "sah": list(KETERANGAN_SAH),
        "j_tanpa": JenisFakta.TANPA_LAPORAN,
        "j_entri": JenisFakta.ENTRI_TERLAMBAT,
        "j_verifikasi": JenisFakta.VERIFIKASI_TERLAMBAT,
        "j_tidak": JenisFakta.TIDAK_DIVERIFIKASI,
        "substansi": JenisPermasalahan.SUBSTANSI,
        "perilaku": JenisPermasalahan.PERILAKU,
        "skp_disetujui": SkpStatus.DISETUJUI,
        "belum_dibuat": StatusRekap.BELUM_DIBUAT,
        "kuantitas": Aspek.KUANTITAS,
    }


def _terbuka(cursor, periode_id: int) -> bool:
    """Take the period's lock shared and tell whether it is still open (read after the lock: a period closed
    while this run waited stays untouched)."""
    cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [kunci_periode(periode_id)])
    status = PeriodeRekap.objects.filter(pk=periode_id).values_list("status", flat=True).first()
    return status == StatusPeriodeRekap.TERBUKA


def _milik(cursor, t: dict[str, str], params: dict) -> dict[str, str]:
    """The OPD's pegawai (:data:`_SQL_MILIK`) as the array literals the writing statement takes."""
    cursor.execute(_SQL_MILIK.format(minggu_jp=_MINGGU.format(j="jp"), **t), params)
    return dict(zip(("m_pegawai", "m_unit", "m_akhir", "m_minggu"), cursor.fetchone(), strict=True))


def hitung_opd(periode: PeriodeRekap, opd_id: int, hari_ini: datetime.date | None = None, k: dict | None = None) -> int:
    """Recompute the RekapPegawai and RekapRhk rows of one OPD for ``periode`` and return how many RekapPegawai
    rows it wrote; the OPD's other rows of the period are deleted. Returns 0 and writes nothing for a closed
    period. A fixed number of queries whatever the number of pegawai (``k``: :func:`konteks` already worked out)."""
    k = k or konteks(periode, hari_ini)
    t = _tabel()
    params = {**k, "opd": opd_id, "sekarang": timezone.now()}
    with transaction.atomic(), connection.cursor() as cursor:
        if not _terbuka(cursor, periode.pk):
            return 0
        # Two runs of the same period-OPD (a redelivered task beside the first) take turns.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [advisory_lock_key(f"rekap:opd:{periode.pk}:{opd_id}")])
        # Milliseconds of work per OPD: JIT compilation would cost more than the statement (as in disiplin).
        cursor.execute("SET LOCAL jit = off")
        # The activity groups of a large OPD (70,000 for 9,000 pegawai) outgrow the default 4 MB and spill to disk.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        params.update(_milik(cursor, t, params))
        cursor.execute(_sql_opd(t), params)
        ditulis = cursor.rowcount
        cursor.execute(_SQL_HAPUS.format(tabel=t["rekap_pegawai"]), params)
        cursor.execute(_SQL_HAPUS.format(tabel=t["rekap_rhk"]), params)
    return ditulis


def hitung_semua_opd(periode: PeriodeRekap, hari_ini: datetime.date | None = None) -> int:
    """Every OPD in turn, in the caller's transaction (closing a period): the RekapPegawai rows written."""
    k = konteks(periode, hari_ini)
    return sum(
        hitung_opd(periode, opd_id, k=k)
        for opd_id in PerangkatDaerah.objects.order_by("pk").values_list("pk", flat=True)
    )


def hitung_agregat(periode: PeriodeRekap) -> int:
    """The RekapUnit rows of every unit kerja, OPD and the city from the period's RekapPegawai rows, one
    ``INSERT … SELECT … GROUP BY`` per level, and the deletion of scopes no longer present; the rows written
    (0 for a closed period). Marks the period computed."""
    t = _tabel()
    sekarang = timezone.now()
    params = {
        "periode": periode.pk,
        "sekarang": sekarang,
        "skp_disetujui": SkpStatus.DISETUJUI,
        "final": StatusEvaluasi.FINAL,
        "unit": TingkatRekap.UNIT,
        "opd": TingkatRekap.OPD,
        "kota": TingkatRekap.KOTA,
    }
    ditulis = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if not _terbuka(cursor, periode.pk):
            return 0
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [advisory_lock_key(f"rekap:agregat:{periode.pk}")])
        for pilih, kelompok in _TINGKAT:
            cursor.execute(_sql_agregat(t, pilih, kelompok), params)
            ditulis += cursor.rowcount
        cursor.execute(
            f"DELETE FROM {t['rekap_unit']} WHERE periode_id = %(periode)s AND dihitung_pada <> %(sekarang)s", params
        )
        # An update, not a save: the period's audit trail records closing and reopening, not every night's run.
        PeriodeRekap.objects.filter(pk=periode.pk).update(dihitung_pada=sekarang)
        transparansi_hapus_cache(periode)
    return ditulis


def rekap_mulai(actor, periode: PeriodeRekap):
    """Admin BKPSDM computes an open period now: a job (:class:`~portal.models.Pekerjaan`) whose task fans out one
    task per OPD, then the aggregate; its progress is OPDs done / total."""
    from portal.jobs import pekerjaan_buat

    from ..errors import RekapError
    from ..tasks import jalankan_rekap

    pastikan_admin_bkpsdm(actor)
    if periode.status == StatusPeriodeRekap.DITUTUP:
        raise RekapError(_("Periode ini sudah ditutup; buka kembali dulu dengan alasan bila perlu dihitung ulang."))
    if periode.mulai > waktu.hari_ini():
        raise RekapError(_("Periode yang belum dimulai tidak dapat dihitung."))
    return pekerjaan_buat(
        user=actor,
        jenis=JENIS_PEKERJAAN,
        judul=_("Rekap %(periode)s") % {"periode": periode},
        task=jalankan_rekap,
        parameter={"periode": periode.pk},
        tautan=reverse("rekap:periode_detail", args=[periode.pk]),
    )


#: The ``jenis`` of recap jobs (the period page finds its latest job by it and the period's pk).
JENIS_PEKERJAAN = "rekap"
