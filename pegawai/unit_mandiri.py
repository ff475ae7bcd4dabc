"""Who heads a unit, and so who is a pimpinan unit kerja mandiri (docs/ATURAN.md: a camat, a kepala UPT, a director
of a regional hospital — they use the SKP JPT form).

The head position of a unit is the one rule here: a structural position (JPT, administrator, pengawas) in that
unit whose supervising position lies in another unit or does not exist. That covers the shapes a city has:

* a UPT under a dinas: the kepala UPT reports to the kepala dinas (or a kepala bidang) in another unit; the
  kasubbag TU and the staff of the UPT report to the kepala UPT inside it;
* a kecamatan as its own OPD: the camat reports to the sekda or an asisten in the Sekretariat Daerah (or has no
  position above them in the system); the sekretaris kecamatan reports to the camat inside the unit;
* the sub-units of a mandiri unit (a seksi of the kecamatan) have heads too, but their units carry no flag.

:func:`kepala_unit` and :func:`pimpinan_unit_mandiri` are pure (tested as a table);
:func:`jabatan_pimpinan_unit_mandiri` and :func:`kepala_unit_kerja` read the stored facts and ask them.
"""

from __future__ import annotations

from django.db.models import F, Prefetch

from .choices import JenisJabatan
from .models import Jabatan, Pegawai, UnitKerja

#: The leadership positions (the same set as ``Jabatan.is_struktural``): only these head a unit. A JF with an
#: additional task (a kepala sekolah, a kepala puskesmas who is a dokter) heads nothing in this sense.
JENIS_STRUKTURAL = frozenset({JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS})


def kepala_unit(*, jenis: str, unit_id: int, unit_atasan_id: int | None) -> bool:
    """True when a position of ``jenis`` in unit ``unit_id`` heads that unit: it is structural and its supervising
    position sits in another unit (``unit_atasan_id``) or there is none (``None``)."""
    return jenis in JENIS_STRUKTURAL and unit_atasan_id != unit_id


def pimpinan_unit_mandiri(*, jenis: str, unit_id: int, unit_mandiri: bool, unit_atasan_id: int | None) -> bool:
    """True for the head position (:func:`kepala_unit`) of a unit flagged mandiri: its holder uses the SKP JPT
    form (PermenPANRB 6/2022, Lampiran: "SKP bagi pejabat pimpinan tinggi dan pimpinan unit kerja mandiri")."""
    return unit_mandiri and kepala_unit(jenis=jenis, unit_id=unit_id, unit_atasan_id=unit_atasan_id)


def jabatan_pimpinan_unit_mandiri(jabatan: Jabatan) -> bool:
    """:func:`pimpinan_unit_mandiri` for a stored position. No query for a non-structural position; otherwise its
    unit (unless loaded) and, for a mandiri unit, the unit of its supervising position."""
    if jabatan.jenis not in JENIS_STRUKTURAL or not jabatan.unit_kerja.mandiri:
        return False
    unit_atasan_id = None
    if jabatan.parent_id is not None:
        unit_atasan_id = Jabatan.objects.filter(pk=jabatan.parent_id).values_list("unit_kerja_id", flat=True).first()
    return pimpinan_unit_mandiri(
        jenis=jabatan.jenis, unit_id=jabatan.unit_kerja_id, unit_mandiri=True, unit_atasan_id=unit_atasan_id
    )


def kepala_unit_kerja(unit: UnitKerja) -> list[Jabatan]:
    """The active head positions of ``unit`` by :func:`kepala_unit` (normally one), with their active holders in
    ``pemegang_aktif``. Two queries."""
    jabatan = (
        Jabatan.objects.filter(unit_kerja=unit, aktif=True, jenis__in=JENIS_STRUKTURAL)
        .annotate(unit_atasan_id=F("parent__unit_kerja_id"))
        .prefetch_related(
            Prefetch("pemegang", queryset=Pegawai.objects.filter(aktif=True).order_by("nama"), to_attr="pemegang_aktif")
        )
        .order_by("nama")
    )
    return [j for j in jabatan if kepala_unit(jenis=j.jenis, unit_id=j.unit_kerja_id, unit_atasan_id=j.unit_atasan_id)]
