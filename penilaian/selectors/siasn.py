"""The rows of the SIASN export (docs/ATURAN.md, "Kode SIASN"): the final evaluations of a period in an OPD or the
whole city, in the fields of BKN's upload — ``skp22`` for the annual result, ``kinerjaperiodik`` for a month or a
triwulan — and every row that cannot be uploaded with the reason, so nothing disappears silently.

The ratings and the predikat are written as stored: their values are the SIASN codes (:mod:`penilaian.choices`).
The pejabat penilai is read from the identity frozen at finalisation, so an export years later names the penilai of
then. Two queries, whatever the number of pegawai."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.akses import opd_dikelola
from pegawai.models import PerangkatDaerah
from skp.choices import SkpStatus
from skp.models import Skp

from ..choices import JenisPeriode, StatusEvaluasi
from ..models import Evaluasi, PeriodePenilaian


class JenisEksporSiasn(models.TextChoices):
    """The two SIASN uploads of performance results."""

    SKP22 = "skp22", gettext_lazy("Tahunan (skp22)")
    KINERJA_PERIODIK = "kinerjaperiodik", gettext_lazy("Periodik (kinerjaperiodik)")


#: SIASN's ``periodikId``: it accepts monthly and quarterly periodic results only.
PERIODIK_ID = {JenisPeriode.BULANAN: 1, JenisPeriode.TRIWULANAN: 2}

# The field names of BKN's upload (``skp22/save`` and ``kinerjaperiodik/save``), in that spelling: the periodic
# upload calls the penilai's position ``penilaiJabatanNama``, the annual ``penilaiJabatan``. The pegawai is named by
# NIP and name: SIASN's own person id (``pnsDinilaiOrang`` / ``pnsDinilaiId``) is looked up from the NIP on upload.
_PEGAWAI = ("nip", "nama", "tahun")
_NILAI = ("hasilKinerjaNilai", "perilakuKerjaNilai", "kuadranKinerjaNilai")
KOLOM = {
    JenisEksporSiasn.SKP22: (
        *_PEGAWAI,
        *_NILAI,
        "penilaiNipNrp",
        "penilaiNama",
        "penilaiGolongan",
        "penilaiJabatan",
        "penilaiUnorNama",
        "statusPenilai",
    ),
    JenisEksporSiasn.KINERJA_PERIODIK: (
        *_PEGAWAI,
        "bulanMulaiPenilaian",
        "bulanSelesaiPenilaian",
        "tahunMulaiPenilaian",
        "tahunSelesaiPenilaian",
        "periodikId",
        "koefisienId",
        *_NILAI,
        "penilaiNipNrp",
        "penilaiNama",
        "penilaiGolongan",
        "penilaiJabatanNama",
        "penilaiUnorNama",
        "statusPenilai",
    ),
}

#: ``statusPenilai``: the kepala daerah, who rates the Sekda, is not an ASN (and has no NIP).
ASN, NON_ASN = "ASN", "NON ASN"


def jenis_untuk(periode: PeriodePenilaian) -> str:
    """The upload a period's results go to: the annual evaluation to ``skp22``, every other to
    ``kinerjaperiodik``."""
    return JenisEksporSiasn.SKP22 if periode.tahunan else JenisEksporSiasn.KINERJA_PERIODIK


def opd_siasn_untuk(user) -> QuerySet[PerangkatDaerah]:
    """The OPDs whose results ``user`` may export: every one for admin BKPSDM (who may also export the whole
    city), their own for an admin OPD, none for anyone else."""
    opd_ids = opd_dikelola(user)
    if opd_ids is None:
        return PerangkatDaerah.objects.order_by("nama")
    return PerangkatDaerah.objects.filter(pk__in=opd_ids).order_by("nama")


@dataclass(frozen=True)
class BarisDitolak:
    """A pegawai whose result for the period cannot be uploaded, and why."""

    nama: str
    nip: str
    unit_kerja: str
    perangkat_daerah: str
    alasan: str


@dataclass
class EksporSiasn:
    jenis: str
    periode: PeriodePenilaian
    #: ``None``: the whole city.
    opd: PerangkatDaerah | None
    baris: list[dict] = field(default_factory=list)
    ditolak: list[BarisDitolak] = field(default_factory=list)

    @property
    def kolom(self) -> tuple[str, ...]:
        return KOLOM[self.jenis]


def _ditolak(pegawai, jabatan, alasan: str) -> BarisDitolak:
    unit = jabatan.unit_kerja
    return BarisDitolak(
        nama=pegawai.nama_lengkap,
        nip=pegawai.nip,
        unit_kerja=unit.nama,
        perangkat_daerah=unit.perangkat_daerah.nama,
        alasan=alasan,
    )


def _alasan_evaluasi(evaluasi: Evaluasi) -> str:
    """Why a final-or-not evaluation cannot be uploaded; "" when it can."""
    if evaluasi.periode.jenis == JenisPeriode.SEMESTERAN:
        return _(
            "SIASN hanya menerima kinerja periodik bulanan (periodikId 1) dan triwulanan (periodikId 2); hasil "
            "semesteran tidak dapat diunggah."
        )
    if evaluasi.status != StatusEvaluasi.FINAL:
        return _("Evaluasi belum final (status: %(status)s).") % {"status": evaluasi.get_status_display()}
    penilai = evaluasi.identitas_penilai or {}
    if not penilai.get("nama"):
        return _("Nama pejabat penilai tidak tercatat pada evaluasi yang difinalkan.")
    if not penilai.get("kepala_daerah") and not penilai.get("nip"):
        return _("NIP pejabat penilai tidak tercatat pada evaluasi yang difinalkan.")
    return ""


def _nilai(evaluasi: Evaluasi, jenis: str) -> dict:
    """One upload row in the order of :data:`KOLOM`."""
    periode = evaluasi.periode
    pegawai = evaluasi.identitas_pegawai or {}
    penilai = evaluasi.identitas_penilai or {}
    kepala_daerah = bool(penilai.get("kepala_daerah"))
    jabatan = penilai.get("jabatan", "")
    isi = {
        "nip": pegawai.get("nip") or evaluasi.pegawai.nip,
        "nama": pegawai.get("nama") or evaluasi.pegawai.nama_lengkap,
        "tahun": periode.tahun,
        "bulanMulaiPenilaian": periode.tanggal_mulai.month,
        "bulanSelesaiPenilaian": periode.tanggal_selesai.month,
        "tahunMulaiPenilaian": periode.tanggal_mulai.year,
        "tahunSelesaiPenilaian": periode.tanggal_selesai.year,
        "periodikId": PERIODIK_ID.get(periode.jenis),
        # SIASN's koefisien reference (the angka kredit coefficient of a JF jenjang) is an id in BKN's own table,
        # which this portal does not hold: left empty for the uploader to choose, never guessed.
        "koefisienId": None,
        "hasilKinerjaNilai": int(evaluasi.rating_hasil),
        "perilakuKerjaNilai": int(evaluasi.rating_perilaku),
        "kuadranKinerjaNilai": int(evaluasi.predikat),
        "penilaiNipNrp": penilai.get("nip", ""),
        "penilaiNama": penilai.get("nama", ""),
        "penilaiGolongan": penilai.get("pangkat_golongan", ""),
        "penilaiJabatan": jabatan,
        "penilaiJabatanNama": jabatan,
        # The kepala daerah's block has no unit kerja: the instansi stands in for it.
        "penilaiUnorNama": penilai.get("unit_kerja") or penilai.get("perangkat_daerah", ""),
        "statusPenilai": NON_ASN if kepala_daerah else ASN,
    }
    return {k: isi[k] for k in KOLOM[jenis]}


def _skp_tanpa_evaluasi(periode: PeriodePenilaian, opd: PerangkatDaerah | None) -> list[Skp]:
    """The approved SKP of active pegawai that ``periode`` evaluates (:func:`penilaian.selectors.evaluasi.
    skp_periode`, for many pegawai at once) but that have no evaluation: for a month or a triwulan every SKP that
    overlaps it; for the year the pegawai's last SKP of the year, when the pegawai has no annual evaluation."""
    qs = Skp.objects.berlaku().filter(
        tahun=periode.tahun,
        status=SkpStatus.DISETUJUI,
        tanggal_mulai__lte=periode.tanggal_selesai,
        tanggal_selesai__gte=periode.tanggal_mulai,
        pegawai__aktif=True,
    )
    di_opd = {"jabatan__unit_kerja__perangkat_daerah": opd} if opd is not None else {}
    if periode.tahunan:
        # The year's last SKP decides the OPD, so every SKP of a pegawai with one in the OPD is read first.
        if di_opd:
            qs = qs.filter(pegawai__in=qs.filter(**di_opd).values("pegawai"))
        qs = qs.exclude(Exists(Evaluasi.objects.filter(pegawai=OuterRef("pegawai"), periode=periode)))
    else:
        qs = qs.filter(**di_opd).exclude(Exists(Evaluasi.objects.filter(skp=OuterRef("pk"), periode=periode)))
    rows = list(
        qs.select_related("pegawai", "jabatan__unit_kerja__perangkat_daerah").order_by(
            "jabatan__unit_kerja__perangkat_daerah__nama", "pegawai__nama", "tanggal_mulai", "pk"
        )
    )
    if not periode.tahunan:
        return rows
    terakhir: dict[int, Skp] = {}
    for s in rows:
        kunci = (s.tanggal_selesai, s.tanggal_mulai, s.pk)
        lama = terakhir.get(s.pegawai_id)
        if lama is None or kunci > (lama.tanggal_selesai, lama.tanggal_mulai, lama.pk):
            terakhir[s.pegawai_id] = s
    return [
        s for s in rows if terakhir[s.pegawai_id] is s and (opd is None or s.jabatan.unit_kerja.perangkat_daerah == opd)
    ]


def ekspor_siasn(periode: PeriodePenilaian, opd: PerangkatDaerah | None = None) -> EksporSiasn:
    """The export of ``periode`` for ``opd`` (``None``: the whole city; the caller checks the scope with
    :func:`opd_siasn_untuk`). An evaluation belongs to the OPD of the position its SKP was for, so a pegawai who
    moved is exported by the OPD where the period was worked.

    ``baris`` are the uploadable rows (final, with a pejabat penilai that SIASN accepts); ``ditolak`` lists every
    other evaluation and every approved SKP of an active pegawai left without an evaluation, with the reason."""
    jenis = jenis_untuk(periode)
    hasil = EksporSiasn(jenis=jenis, periode=periode, opd=opd)
    evaluasi = Evaluasi.objects.filter(periode=periode)
    if opd is not None:
        evaluasi = evaluasi.filter(skp__jabatan__unit_kerja__perangkat_daerah=opd)
    evaluasi = evaluasi.select_related("periode", "pegawai", "skp__jabatan__unit_kerja__perangkat_daerah").order_by(
        "skp__jabatan__unit_kerja__perangkat_daerah__nama", "pegawai__nama", "skp__tanggal_mulai", "pk"
    )
    for e in evaluasi:
        alasan = _alasan_evaluasi(e)
        if alasan:
            hasil.ditolak.append(_ditolak(e.pegawai, e.skp.jabatan, alasan))
        else:
            hasil.baris.append(_nilai(e, jenis))
    belum = _("Belum ada evaluasi untuk SKP yang disetujui pada periode %(periode)s.") % {"periode": periode.nama}
    hasil.ditolak.extend(_ditolak(s.pegawai, s.jabatan, belum) for s in _skp_tanpa_evaluasi(periode, opd))
    return hasil
