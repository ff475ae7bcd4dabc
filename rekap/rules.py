"""The shares a recap shows (docs/ATURAN.md, "Rekap"), one definition each: the tables and their spreadsheets, the
dashboards and the public transparency page all call these, so one label always means one number.

Pure functions of the counts of a recap row (one pegawai's, or a scope's sums); each returns percent with one
decimal, or ``None`` when there is nothing to divide by (an empty unit is "–", not 0 %).
"""

from __future__ import annotations

from decimal import Decimal


class Persen(Decimal):
    """A share in percent (87.5 means 87.5 %), so a spreadsheet writer knows to format it as one."""


def persen(bagian: int, dari: int) -> Persen | None:
    """``bagian`` of ``dari`` in percent with one decimal, rounded half up; ``None`` when ``dari`` is 0."""
    if not dari:
        return None
    # In whole tenths, exactly (integer arithmetic: an export computes 100,000 of these): half up, away from zero.
    negatif = (bagian < 0) != (dari < 0) and bagian != 0
    bagian, dari = abs(bagian), abs(dari)
    persepuluh = (bagian * 2000 + dari) // (2 * dari)
    return Persen(f"{'-' if negatif and persepuluh else ''}{persepuluh // 10}.{persepuluh % 10}")


def untuk_grafik(hasil: Persen | None) -> float | None:
    """A share as a float for a chart's JSON, with the rounding of the table it stands for; ``None`` stays ``None``
    (no bar, not 0 %)."""
    return None if hasil is None else float(hasil)


def diajukan(disetujui: int, ditolak: int, menunggu: int) -> int:
    """Activities submitted for verification: approved, refused, or still waiting (drafts are not counted)."""
    return disetujui + ditolak + menunggu


def partisipasi(hari_lapor: int, hari_kerja: int) -> Persen | None:
    """Partisipasi pelaporan: working days with at least one activity, of the working days (each pegawai's own
    calendar, excused days left out; a scope sums its pegawai's days)."""
    return persen(hari_lapor, hari_kerja)


def verifikasi_tepat(diverifikasi_tepat: int, diajukan_n: int) -> Persen | None:
    """Diverifikasi tepat waktu: activities verified by the month's verification deadline, of all submitted ones —
    an activity never verified counts as not on time."""
    return persen(diverifikasi_tepat, diajukan_n)


def diverifikasi(diverifikasi_n: int, diajukan_n: int) -> Persen | None:
    """Activities verified (approved or refused) at all, of all submitted ones."""
    return persen(diverifikasi_n, diajukan_n)


def menit_terhadap_target(menit_disetujui: int, menit_target: int) -> Persen | None:
    """Approved minutes against the target minutes of the working days."""
    return persen(menit_disetujui, menit_target)


def skp_disetujui(skp_disetujui_n: int, pegawai_n: int) -> Persen | None:
    """Pegawai whose SKP covering the period's last day is approved, of all pegawai counted."""
    return persen(skp_disetujui_n, pegawai_n)


def entri_tepat(aktivitas_n: int, entri_terlambat_n: int) -> Persen | None:
    """Activities recorded within the entry window, of all activities recorded."""
    return persen(aktivitas_n - entri_terlambat_n, aktivitas_n)
