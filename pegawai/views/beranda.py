"""The pegawai blocks of the landing page (registered with portal in :mod:`pegawai.portal_hooks`).

Each function takes the request and returns the block's template context, or ``None`` when the block has nothing
for this login.
"""

from __future__ import annotations

from ..akses import opd_lingkup_statistik, pegawai_of
from ..atasan import atasan_langsung, bawahan_langsung_teringat, kepala_daerah_penilai
from ..choices import JenisJabatan
from ..models import Pegawai, Penugasan
from ..selectors.pegawai import pegawai_per_jenis_jabatan, statistik_opd

_KOLOM_TOTAL = (
    "pegawai_aktif",
    "pns",
    "cpns",
    "pppk",
    "jabatan",
    "jabatan_kosong",
    "jabatan_kosong_ada_plt",
    "unit_kerja",
)


def beranda_saya(request) -> dict | None:
    """Identity card, the atasan chain, the Plt/Plh the pegawai is acting in, and their direct bawahan."""
    me = pegawai_of(request.user)
    if me is None:
        return None
    pegawai = Pegawai.objects.with_org().get(pk=me.pk)
    atasan = atasan_langsung(pegawai)
    atasan_atasan = atasan_langsung(atasan) if atasan else None
    # Re-read both atasan with their position and unit in one query instead of two lazy chains each.
    ids = [p.pk for p in (atasan, atasan_atasan) if p]
    org = Pegawai.objects.with_org().in_bulk(ids)
    bawahan = bawahan_langsung_teringat(pegawai).with_org().order_by("nama")
    return {
        "sapaan": pegawai.nama,
        "pegawai": pegawai,
        "atasan": org.get(atasan.pk) if atasan else None,
        "atasan_atasan": org.get(atasan_atasan.pk) if atasan_atasan else None,
        # The kepala daerah rates the top JPT (the Sekda) but is no pegawai: named from the settings.
        "kepala_daerah": kepala_daerah_penilai(pegawai) if atasan is None else None,
        "kepala_daerah_atas": kepala_daerah_penilai(atasan) if atasan and not atasan_atasan else None,
        "penugasan_saya": list(
            Penugasan.objects.berlaku().filter(pegawai=pegawai).select_related("jabatan__unit_kerja__perangkat_daerah")
        ),
        "jumlah_bawahan": bawahan.count(),
        "bawahan_contoh": list(bawahan[:5]),
    }


def beranda_rekap(request) -> dict | None:
    """The staffing recap of the OPDs an admin or pimpinan oversees (the whole city for BKPSDM and city
    pimpinan); nothing for a login without a stored role."""
    lingkup = opd_lingkup_statistik(request.user)
    if lingkup is not None and not lingkup:
        return None
    rekap = statistik_opd(lingkup)
    per_jenis = pegawai_per_jenis_jabatan(lingkup)
    return {
        "rekap": rekap,
        "rekap_total": {key: sum(getattr(r, key) for r in rekap) for key in _KOLOM_TOTAL},
        "grafik_jenis": {
            # "JPT" rather than the full name: five bars must fit a 360 px screen without slanted labels.
            "labels": ["JPT" if jenis == JenisJabatan.JPT else label for jenis, label, _n in per_jenis],
            "data": [n for _jenis, _label, n in per_jenis],
        },
        "per_jenis": per_jenis,
        "lingkup_kota": lingkup is None,
        "skrip": ["vendor/chartjs/chart.umd.min.js"],
    }
