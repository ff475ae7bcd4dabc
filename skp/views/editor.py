"""SKP pages: the pegawai's own SKP and its editor, the atasan's queue and review, the Matriks Peran Hasil, the
admin's daftar nominatif, and the kepala daerah's approvals recorded by admin BKPSDM.

Access rules (the same as the pegawai app, CONVENTIONS.md "Who may see what"):
- anonymous → login page; a role page for someone without the role, or an object outside the user's reach → 404;
- every SKP is fetched through :func:`skp.selectors.skp_visible_to`; editing also requires being its owner,
  reviewing being its pejabat penilai (or admin BKPSDM for the kepala daerah), else 404;
- every POST calls a service; a :class:`~skp.services.SkpError` is shown as is (next to the field, or on top),
  the page re-rendered with status 422 and nothing changed.

The editor works with and without JavaScript: each form posts normally, and htmx (``request.htmx``) posts the
same form and swaps only the fragment it changed (a section, an RHK card, a lampiran list) plus the SKP header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial, wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.choices import JenisAkses
from pegawai.exports import FORMATS
from pegawai.models import Pegawai, PerangkatDaerah, UnitKerja
from pegawai.nip import normalize_nip
from pegawai.selectors import Peran_, atasan_langsung, dapat_menilai, jabatan_dipegang, pegawai_of, peran_of
from pegawai.services import catat_akses

from . import rules, services
from .choices import AksiSkp, FormatSkp, JenisLampiran, JenisRhk, Pendekatan, SkpStatus, StatusRekap
from .exports import DaftarNominatifExporter
from .forms import (
    EkspektasiForm,
    IkiForm,
    KembalikanForm,
    LampiranForm,
    NominatifFilterForm,
    PerubahanForm,
    PindahForm,
    RhkForm,
    SkpBuatForm,
    SkpPengaturanForm,
    tampilkan_galat,
)
from .models import (
    EkspektasiKhusus,
    IndikatorKinerjaIndividu,
    LampiranItem,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
)
from .selectors import (
    cek_skp_atasan,
    daftar_nominatif,
    dinilai_kepala_daerah,
    identitas_skp,
    matriks_peran_hasil,
    opd_nominatif_visible_to,
    rekap_status,
    skp_antrian_atasan,
    skp_antrian_kepala_daerah,
    skp_visible_to,
    tanggal_acuan_skp,
    unit_mph_visible_to,
)
from .services import SkpError

PER_HALAMAN = 50
#: The unprocessable-entity answer of a refused POST: the form is shown again with the reason.
DITOLAK = 422


# ---------------------------------------------------------------------------------------------------------------
# Access helpers
# ---------------------------------------------------------------------------------------------------------------


def butuh_pegawai(view):
    """Login required and the login must belong to a pegawai (an admin-only account gets 404); the view gets the
    pegawai as its second argument."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        me = pegawai_of(request.user)
        if me is None:
            raise Http404
        return view(request, me, *args, **kwargs)

    return login_required(wrapped)


def butuh_peran(check: Callable[[Peran_], bool]):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(peran_of(request.user)):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def _boleh_nominatif(roles: Peran_) -> bool:
    # Pimpinan read the recap of their scope; only admins act on it, and nothing on the page writes.
    return roles.admin or roles.pimpinan


def _admin_bkpsdm(roles: Peran_) -> bool:
    return roles.admin_bkpsdm


def _tahun(request) -> int:
    """``?tahun=`` (or a posted ``tahun``) when it is a sensible year, else the current year."""
    raw = request.POST.get("tahun") or request.GET.get("tahun") or ""
    try:
        tahun = int(raw)
    except ValueError:
        tahun = 0
    return tahun if 2000 <= tahun <= 2100 else timezone.localdate().year


def _skp_qs(user):
    return skp_visible_to(user).select_related(
        "pegawai__jabatan__unit_kerja__perangkat_daerah", "jabatan__unit_kerja__perangkat_daerah"
    )


def _skp_terlihat(request, pk: int) -> Skp:
    return get_object_or_404(_skp_qs(request.user), pk=pk)


def _skp_milik(request, pk: int) -> tuple[Pegawai, Skp]:
    """The SKP ``pk`` of the logged-in pegawai; anyone else's (even one they may read) answers 404 here."""
    me = pegawai_of(request.user)
    skp = _skp_terlihat(request, pk)
    if me is None or skp.pegawai_id != me.pk:
        raise Http404
    return me, skp


def _peran_penilai(user, skp: Skp) -> str | None:
    """How ``user`` may decide on ``skp``: ``"atasan"`` (the pejabat penilai, Plt/Plh included),
    ``"kepala_daerah"`` (admin BKPSDM on behalf of the kepala daerah, for the top JPT), or ``None``."""
    me = pegawai_of(user)
    if me is not None and me.pk != skp.pegawai_id and dapat_menilai(me, skp.pegawai, tanggal_acuan_skp(skp)):
        return "atasan"
    if peran_of(user).admin_bkpsdm and (me is None or me.pk != skp.pegawai_id) and dinilai_kepala_daerah(skp):
        return "kepala_daerah"
    return None


def _halaman(request, queryset, per_halaman: int = PER_HALAMAN):
    return Paginator(queryset, per_halaman).get_page(request.GET.get("page"))


# ---------------------------------------------------------------------------------------------------------------
# Read-only content of one SKP (detail, review)
# ---------------------------------------------------------------------------------------------------------------


def _rhk_dengan_iki(skp: Skp) -> list[RencanaHasilKerja]:
    return list(
        skp.rhk.select_related("intervensi__skp__pegawai")
        .prefetch_related(Prefetch("iki", queryset=IndikatorKinerjaIndividu.objects.order_by("urutan")))
        .order_by("jenis", "urutan")
    )


@dataclass
class PerilakuBaris:
    perilaku: PerilakuKerja
    ekspektasi: str
    form: EkspektasiForm | None = None
    tersimpan: bool = False


def _perilaku(skp: Skp) -> list[PerilakuBaris]:
    teks = dict(EkspektasiKhusus.objects.filter(skp=skp).values_list("perilaku_id", "teks"))
    return [PerilakuBaris(perilaku=p, ekspektasi=teks.get(p.pk, "")) for p in PerilakuKerja.objects.order_by("urutan")]


def _lampiran(skp: Skp) -> list[tuple[str, str, list[LampiranItem]]]:
    items = list(skp.lampiran.order_by("jenis", "urutan"))
    return [(j.value, j.label, [i for i in items if i.jenis == j.value]) for j in JenisLampiran]


def _konteks_baca(skp: Skp) -> dict:
    rhk = _rhk_dengan_iki(skp)
    return {
        "skp": skp,
        "identitas": identitas_skp(skp),
        "rhk_utama": [r for r in rhk if r.jenis == JenisRhk.UTAMA],
        "rhk_tambahan": [r for r in rhk if r.jenis == JenisRhk.TAMBAHAN],
        "perilaku": _perilaku(skp),
        "lampiran": _lampiran(skp),
        "kualitatif": skp.pendekatan == Pendekatan.KUALITATIF,
        "catatan_kembali": _catatan_terakhir(skp),
    }


def _catatan_terakhir(skp: Skp) -> SkpRiwayat | None:
    """The pejabat penilai's latest return note while the SKP is still being repaired."""
    if skp.status not in (SkpStatus.DIKEMBALIKAN, SkpStatus.DRAFT):
        return None
    terakhir = skp.riwayat.order_by("-waktu", "-pk").first()
    kembali = skp.riwayat.filter(aksi=AksiSkp.DIKEMBALIKAN).order_by("-waktu", "-pk").first()
    if kembali is None or terakhir is None:
        return None
    # Shown until the SKP is submitted again (the repair itself leaves the note relevant).
    if terakhir.aksi in (AksiSkp.DIKEMBALIKAN, AksiSkp.DIPERBAIKI):
        return kembali
    return None


def _versi(request, skp: Skp) -> list[Skp]:
    """Every version of this SKP (same pegawai, year and position) that the user may read, oldest first."""
    return list(
        skp_visible_to(request.user)
        .filter(pegawai_id=skp.pegawai_id, tahun=skp.tahun, jabatan_id=skp.jabatan_id)
        .order_by("versi")
    )


# ---------------------------------------------------------------------------------------------------------------
# SKP saya
# ---------------------------------------------------------------------------------------------------------------


@login_required
def index(request):
    """The SKP main page: the pegawai's own SKP per year. A login without a pegawai is sent to the recap it may
    read (daftar nominatif) or gets 404."""
    me = pegawai_of(request.user)
    if me is None:
        if _boleh_nominatif(peran_of(request.user)):
            return redirect("skp:nominatif")
        raise Http404
    return _render_index(request, me, _tahun(request))


def _render_index(request, me: Pegawai, tahun: int, *, status: int = 200, form_buat: SkpBuatForm | None = None):
    me = Pegawai.objects.with_org().get(pk=me.pk)
    semua = list(
        Skp.objects.filter(pegawai=me).select_related("jabatan__unit_kerja").order_by("tanggal_mulai", "versi")
    )
    hari_ini = timezone.localdate()
    daftar_tahun = sorted({s.tahun for s in semua} | {hari_ini.year, hari_ini.year + 1, tahun}, reverse=True)
    skp_tahun = [s for s in semua if s.tahun == tahun]
    catatan = {}
    dikembalikan = [s.pk for s in skp_tahun if s.status == SkpStatus.DIKEMBALIKAN]
    if dikembalikan:
        for r in SkpRiwayat.objects.filter(skp_id__in=dikembalikan, aksi=AksiSkp.DIKEMBALIKAN).order_by("waktu", "pk"):
            catatan[r.skp_id] = r
    for s in skp_tahun:
        s.catatan_kembali = catatan.get(s.pk)
        s.ada_versi_berikut = any(v.versi_sebelumnya_id == s.pk for v in skp_tahun)

    format_skp = rules.format_dari_jenis_jabatan(me.jabatan.jenis)
    sudah_ada = any(s.jabatan_id == me.jabatan_id for s in skp_tahun)
    prasyarat = None
    skp_atasan_url = None
    if format_skp == FormatSkp.JA_JF:
        prasyarat = cek_skp_atasan(me, tahun)
        acuan = prasyarat.skp or prasyarat.skp_terakhir
        if acuan is not None and _skp_qs(request.user).filter(pk=acuan.pk).exists():
            skp_atasan_url = reverse("skp:detail", args=[acuan.pk])
    atasan = atasan_langsung(me)
    kepala_daerah = format_skp == FormatSkp.JPT and atasan is None and me.jabatan.parent_id is None
    context = {
        "pegawai": me,
        "tahun": tahun,
        "daftar_tahun": daftar_tahun,
        "skp_tahun": skp_tahun,
        "sudah_ada": sudah_ada,
        "format_skp": format_skp,
        "format_label": FormatSkp(format_skp).label,
        "prasyarat": prasyarat,
        "boleh_mulai": not sudah_ada and (prasyarat is None or prasyarat.siap),
        "skp_atasan_url": skp_atasan_url,
        "bisa_salin": any(s.tahun == tahun - 1 and s.digantikan_pada is None for s in semua),
        "atasan": atasan,
        "kepala_daerah": kepala_daerah,
        "kepala_daerah_jabatan": settings.KEPALA_DAERAH_JABATAN,
        "form_buat": form_buat or SkpBuatForm(auto_id="id_buat_%s"),
    }
    return render(request, "skp/index.html", context, status=status)


@butuh_pegawai
def buat(request, me: Pegawai):
    """Start the SKP of a year: a small form (approach, and the period after a mid-year transfer)."""
    tahun = _tahun(request)
    form = SkpBuatForm(request.POST or None, auto_id="id_buat_%s")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                skp = services.skp_buat(
                    actor=me,
                    tahun=tahun,
                    pendekatan=form.cleaned_data["pendekatan"],
                    tanggal_mulai=form.cleaned_data["tanggal_mulai"],
                    tanggal_selesai=form.cleaned_data["tanggal_selesai"],
                )
            except SkpError as exc:
                tampilkan_galat(form, exc)
            else:
                messages.success(
                    request, _("SKP tahun %(tahun)s sudah dibuat sebagai draf. Isi RHK dan IKI-nya.") % {"tahun": tahun}
                )
                return redirect("skp:ubah", skp.pk)
        status = DITOLAK
    format_skp = rules.format_dari_jenis_jabatan(me.jabatan.jenis)
    prasyarat = cek_skp_atasan(me, tahun) if format_skp == FormatSkp.JA_JF else None
    return render(
        request,
        "skp/buat.html",
        {
            "form": form,
            "tahun": tahun,
            "prasyarat": prasyarat,
            "pegawai": me,
            "format_label": FormatSkp(format_skp).label,
        },
        status=status,
    )


@butuh_pegawai
@require_POST
def salin(request, me: Pegawai):
    """Start this year's SKP as a copy of last year's."""
    tahun = _tahun(request)
    try:
        skp = services.skp_salin_tahun_lalu(actor=me, tahun=tahun)
    except SkpError as exc:
        messages.error(request, exc.message)
        return _render_index(request, me, tahun, status=DITOLAK)
    ditinjau = skp.rhk.filter(perlu_ditinjau=True).count()
    pesan = _("SKP tahun %(tahun)s sudah disalin dari tahun %(lalu)s sebagai draf.") % {
        "tahun": tahun,
        "lalu": tahun - 1,
    }
    if ditinjau:
        pesan += " " + _("%(n)s RHK perlu ditinjau: pilih ulang RHK atasan yang diintervensi (ditandai kuning).") % {
            "n": ditinjau
        }
        messages.warning(request, pesan)
    else:
        messages.success(request, pesan)
    return redirect("skp:ubah", skp.pk)


# ---------------------------------------------------------------------------------------------------------------
# Detail (read-only), versions and history; perubahan SKP
# ---------------------------------------------------------------------------------------------------------------


@login_required
def detail(request, pk: int):
    skp = _skp_terlihat(request, pk)
    return _render_detail(request, skp)


def _render_detail(request, skp: Skp, *, status: int = 200, form_perubahan: PerubahanForm | None = None):
    me = pegawai_of(request.user)
    versi = _versi(request, skp)
    riwayat = list(
        SkpRiwayat.objects.filter(skp__in=[v.pk for v in versi]).select_related("skp").order_by("-waktu", "-pk")
    )
    pemilik = me is not None and me.pk == skp.pegawai_id
    berikut = next((v for v in versi if v.versi_sebelumnya_id == skp.pk), None)
    context = _konteks_baca(skp)
    context.update(
        versi=versi,
        riwayat=riwayat,
        pemilik=pemilik,
        versi_berikut=berikut,
        boleh_ubah=pemilik and skp.dapat_diubah,
        boleh_perubahan=pemilik and skp.status == SkpStatus.DISETUJUI and not skp.digantikan and berikut is None,
        boleh_tinjau=skp.status in (SkpStatus.DRAFT, SkpStatus.DIAJUKAN)
        and _peran_penilai(request.user, skp) is not None,
        form_perubahan=form_perubahan or PerubahanForm(),
    )
    return render(request, "skp/detail.html", context, status=status)


@login_required
@require_POST
def perubahan(request, pk: int):
    """Perubahan SKP: a new draft version of an approved SKP."""
    me, skp = _skp_milik(request, pk)
    form = PerubahanForm(request.POST)
    form.is_valid()
    try:
        baru = services.skp_buat_perubahan(actor=me, skp=skp, alasan=form.cleaned_data.get("alasan", ""))
    except SkpError as exc:
        messages.error(request, exc.message)
        return _render_detail(request, skp, status=DITOLAK, form_perubahan=form)
    messages.success(
        request,
        _(
            "Perubahan SKP versi %(versi)s sudah dibuat sebagai draf. Versi %(lama)s tetap berlaku sampai "
            "perubahan ini disetujui."
        )
        % {"versi": baru.versi, "lama": skp.versi},
    )
    return redirect("skp:ubah", baru.pk)


# ---------------------------------------------------------------------------------------------------------------
# Editor
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class BarisIki:
    iki: IndikatorKinerjaIndividu
    nomor: int
    pertama: bool
    terakhir: bool
    form_ubah: IkiForm | None = None


@dataclass
class KartuRhk:
    rhk: RencanaHasilKerja
    nomor: int
    pertama: bool
    terakhir: bool
    iki: list[BarisIki]
    form_iki: IkiForm
    form_ubah: RhkForm | None = None


@dataclass
class BagianRhk:
    jenis: str
    judul: str
    huruf: str
    kartu: list[KartuRhk]
    form_tambah: RhkForm


@dataclass
class BarisLampiran:
    item: LampiranItem
    pertama: bool
    terakhir: bool
    form_ubah: LampiranForm | None = None


@dataclass
class BagianLampiran:
    jenis: str
    judul: str
    items: list[BarisLampiran]
    form_tambah: LampiranForm


@dataclass
class Editor:
    """Everything the editor page shows; ``timpa`` replaces a blank form by a bound one (with its errors) or puts
    a card in edit mode, keyed ``(kind, id)``."""

    skp: Skp
    bagian: list[BagianRhk]
    lampiran: list[BagianLampiran]
    kandidat: list[RencanaHasilKerja]
    skp_atasan: Skp | None
    pesan_atasan: str
    kelengkapan: list[str]
    kepala_daerah: bool
    timpa: dict = field(default_factory=dict)

    def bagian_untuk(self, jenis: str) -> BagianRhk:
        return next(b for b in self.bagian if b.jenis == jenis)

    def kartu_untuk(self, rhk_pk: int) -> KartuRhk:
        for b in self.bagian:
            for k in b.kartu:
                if k.rhk.pk == rhk_pk:
                    return k
        raise Http404

    def lampiran_untuk(self, jenis: str) -> BagianLampiran:
        return next(b for b in self.lampiran if b.jenis == jenis)


def _rhk_initial(rhk: RencanaHasilKerja) -> dict:
    return {
        "jenis": rhk.jenis,
        "teks": rhk.teks,
        "intervensi": rhk.intervensi_id,
        "perspektif": rhk.perspektif,
        "acuan_jenis": rhk.acuan_jenis,
        "acuan": rhk.acuan,
    }


def _iki_initial(iki: IndikatorKinerjaIndividu) -> dict:
    def angka(v):
        return "" if v is None else f"{v.normalize():f}".replace(".", ",")

    return {
        "teks": iki.teks,
        "aspek": iki.aspek,
        "target_min": angka(iki.target_min),
        "target_max": angka(iki.target_max) if iki.target_max != iki.target_min else "",
        "satuan": iki.satuan,
        "ukuran_keberhasilan": iki.ukuran_keberhasilan,
    }


def _berkode(rhk: list[RencanaHasilKerja]) -> list[RencanaHasilKerja]:
    """Utama before tambahan, each numbered as on the printed SKP ("A1", "B2"), in ``.kode``."""
    rhk = sorted(rhk, key=lambda r: (r.jenis != JenisRhk.UTAMA, r.urutan))
    nomor = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 0}
    for r in rhk:
        nomor[r.jenis] += 1
        r.kode = f"{'A' if r.jenis == JenisRhk.UTAMA else 'B'}{nomor[r.jenis]}"
    return rhk


def _editor(skp: Skp, timpa: dict | None = None) -> Editor:
    timpa = timpa or {}
    kandidat: list[RencanaHasilKerja] = []
    skp_atasan = None
    pesan_atasan = ""
    kepala_daerah = skp.is_jpt and dinilai_kepala_daerah(skp)
    if not kepala_daerah:
        info = cek_skp_atasan(skp.pegawai, skp.tahun, skp.tanggal_mulai)
        skp_atasan = info.skp
        pesan_atasan = info.pesan
        if skp_atasan is not None:
            kandidat = _berkode(list(skp_atasan.rhk.select_related("skp__pegawai")))

    rhk_list = _rhk_dengan_iki(skp)
    bagian = []
    for jenis, huruf in ((JenisRhk.UTAMA, "A"), (JenisRhk.TAMBAHAN, "B")):
        daftar = [r for r in rhk_list if r.jenis == jenis]
        kartu = []
        for i, rhk in enumerate(daftar):
            iki = list(rhk.iki.all())
            kartu.append(
                KartuRhk(
                    rhk=rhk,
                    nomor=i + 1,
                    pertama=i == 0,
                    terakhir=i == len(daftar) - 1,
                    iki=[
                        BarisIki(
                            iki=x,
                            nomor=n + 1,
                            pertama=n == 0,
                            terakhir=n == len(iki) - 1,
                            form_ubah=timpa.get(("iki_ubah", x.pk)),
                        )
                        for n, x in enumerate(iki)
                    ],
                    form_iki=timpa.get(("iki_tambah", rhk.pk)) or IkiForm(auto_id=f"id_iki_baru_{rhk.pk}_%s"),
                    form_ubah=timpa.get(("rhk_ubah", rhk.pk)),
                )
            )
        form_tambah = timpa.get(("rhk_tambah", jenis.value)) or RhkForm(
            initial={"jenis": jenis.value}, auto_id=f"id_rhk_baru_{jenis.value}_%s"
        )
        bagian.append(
            BagianRhk(jenis=jenis.value, judul=jenis.label, huruf=huruf, kartu=kartu, form_tambah=form_tambah)
        )

    items = list(skp.lampiran.order_by("jenis", "urutan"))
    lampiran = []
    for jenis in JenisLampiran:
        daftar = [i for i in items if i.jenis == jenis.value]
        lampiran.append(
            BagianLampiran(
                jenis=jenis.value,
                judul=jenis.label,
                items=[
                    BarisLampiran(
                        item=item,
                        pertama=n == 0,
                        terakhir=n == len(daftar) - 1,
                        form_ubah=timpa.get(("lampiran_ubah", item.pk)),
                    )
                    for n, item in enumerate(daftar)
                ],
                form_tambah=timpa.get(("lampiran_tambah", jenis.value))
                or LampiranForm(initial={"jenis": jenis.value}, auto_id=f"id_lampiran_baru_{jenis.value}_%s"),
            )
        )
    return Editor(
        skp=skp,
        bagian=bagian,
        lampiran=lampiran,
        kandidat=kandidat,
        skp_atasan=skp_atasan,
        pesan_atasan=pesan_atasan,
        kelengkapan=services.skp_kelengkapan(skp),
        kepala_daerah=kepala_daerah,
        timpa=timpa,
    )


def _konteks_editor(request, skp: Skp, editor: Editor) -> dict:
    return {
        "skp": skp,
        "editor": editor,
        "kualitatif": skp.pendekatan == Pendekatan.KUALITATIF,
        "jpt": skp.is_jpt,
        "catatan_kembali": _catatan_terakhir(skp),
    }


def _render_editor(
    request,
    skp: Skp,
    *,
    status: int = 200,
    timpa: dict | None = None,
    form_pengaturan: SkpPengaturanForm | None = None,
    galat_ajukan: list[str] | None = None,
):
    editor = _editor(skp, timpa)
    context = _konteks_editor(request, skp, editor)
    context.update(
        form_pengaturan=form_pengaturan
        or SkpPengaturanForm(
            initial={
                "pendekatan": skp.pendekatan,
                "tanggal_mulai": skp.tanggal_mulai,
                "tanggal_selesai": skp.tanggal_selesai,
            },
            auto_id="id_pengaturan_%s",
        ),
        galat_ajukan=galat_ajukan,
        perilaku=_perilaku(skp),
    )
    return render(request, "skp/editor.html", context, status=status)


def _fragmen(request, skp: Skp, bagian: str, kunci, *, status: int = 200, timpa: dict | None = None) -> HttpResponse:
    """One piece of the editor for htmx, followed by the SKP header swapped out of band (its status and the
    checklist change with every edit)."""
    skp.refresh_from_db()
    editor = _editor(skp, timpa)
    context = _konteks_editor(request, skp, editor)
    if bagian == "bagian":
        context["bagian"] = editor.bagian_untuk(kunci)
        template = "skp/_rhk_bagian.html"
    elif bagian == "kartu":
        context["kartu"] = editor.kartu_untuk(kunci)
        template = "skp/_rhk_kartu.html"
    else:
        context["bl"] = editor.lampiran_untuk(kunci)
        template = "skp/_lampiran_bagian.html"
    html = render_to_string(template, context, request)
    html += render_to_string("skp/_editor_kepala.html", {**context, "oob": True}, request)
    return HttpResponse(html, status=status)


def _tolak_aksi(request, skp: Skp, exc: SkpError, anchor: str = "") -> HttpResponse:
    """A refused editor action with no form to show it on (delete, move, or any edit of an SKP that can no longer
    be edited): htmx gets the message in the editor's message area; a plain POST the whole page again, 422."""
    skp.refresh_from_db()
    if request.htmx:
        html = render_to_string("skp/_pesan.html", {"pesan": exc.daftar, "judul": exc.message}, request)
        response = HttpResponse(html, status=DITOLAK)
        response["HX-Retarget"] = "#editor-pesan"
        response["HX-Reswap"] = "innerHTML"
        return response
    messages.error(request, exc.message)
    if not skp.dapat_diubah:
        return _render_detail(request, skp, status=DITOLAK)
    return _render_editor(request, skp, status=DITOLAK)


def _bukan_draf(request, skp: Skp) -> HttpResponse | None:
    """For the editor's GET pieces: an SKP that can no longer be edited sends the user to its detail page (htmx
    follows ``HX-Redirect``), so no edit form is ever shown for it."""
    if skp.dapat_diubah:
        return None
    messages.info(
        request,
        _("SKP ini berstatus %(status)s sehingga tidak dapat diubah.") % {"status": skp.get_status_display().lower()},
    )
    url = reverse("skp:detail", args=[skp.pk])
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _ke_editor(skp: Skp, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('skp:ubah', args=[skp.pk])}#{anchor}")


def _ke_bagian(request, skp: Skp, fragmen: tuple, anchor: str) -> HttpResponse:
    """After an editor action: htmx gets the changed piece (``fragmen`` = ``_fragmen``'s ``bagian, kunci``), a
    plain POST a redirect back to it in the editor."""
    if request.htmx:
        return _fragmen(request, skp, *fragmen)
    return _ke_editor(skp, anchor)


def _simpan_item(
    request, skp: Skp, form, simpan: Callable, fragmen: tuple, anchor: str, timpa_key: tuple
) -> HttpResponse:
    """A posted add/edit form of the editor: ``simpan(form)`` calls the service. A refusal goes next to the field,
    or on top when the SKP can no longer be edited; an invalid form is shown again in place, 422."""
    if form.is_valid():
        try:
            simpan(form)
        except SkpError as exc:
            if not Skp.objects.get(pk=skp.pk).dapat_diubah:
                return _tolak_aksi(request, skp, exc)
            tampilkan_galat(form, exc)
        else:
            return _ke_bagian(request, skp, fragmen, anchor)
    timpa = {timpa_key: form}
    if request.htmx:
        return _fragmen(request, skp, *fragmen, status=DITOLAK, timpa=timpa)
    return _render_editor(request, skp, status=DITOLAK, timpa=timpa)


def _ubah_item(
    request,
    skp: Skp,
    *,
    form_kelas: type,
    auto_id: str,
    initial: Callable[[], dict],
    simpan: Callable,
    fragmen: tuple,
    anchor: str,
    timpa_key: tuple,
) -> HttpResponse:
    """GET: the item in edit mode (``?batal=1``: back to display); POST: save it through :func:`_simpan_item`."""
    if request.method == "GET":
        if (tolak := _bukan_draf(request, skp)) is not None:
            return tolak
        if request.GET.get("batal"):
            return _ke_bagian(request, skp, fragmen, anchor)
        timpa = {timpa_key: form_kelas(initial=initial(), auto_id=auto_id)}
        if request.htmx:
            return _fragmen(request, skp, *fragmen, timpa=timpa)
        return _render_editor(request, skp, timpa=timpa)
    if request.method != "POST":
        return HttpResponse(status=405)
    return _simpan_item(request, skp, form_kelas(request.POST, auto_id=auto_id), simpan, fragmen, anchor, timpa_key)


def _hapus_item(request, skp: Skp, hapus: Callable[[], object], fragmen: tuple, anchor: str) -> HttpResponse:
    # ``fragmen`` and ``anchor`` are taken before the delete: a deleted instance has lost its pk.
    try:
        hapus()
    except SkpError as exc:
        return _tolak_aksi(request, skp, exc)
    return _ke_bagian(request, skp, fragmen, anchor)


def _pindah_item(request, skp: Skp, item, pindah: Callable[..., object], fragmen: tuple, anchor: str) -> HttpResponse:
    """Move ``item`` one place up (``naik``) or down (``turun``); ``pindah(urutan=...)`` calls the service."""
    form = PindahForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    urutan = item.urutan - 1 if form.cleaned_data["arah"] == "naik" else item.urutan + 1
    try:
        pindah(urutan=max(1, urutan))
    except SkpError as exc:
        return _tolak_aksi(request, skp, exc)
    return _ke_bagian(request, skp, fragmen, anchor)


@login_required
def ubah(request, pk: int):
    _me, skp = _skp_milik(request, pk)
    if (tolak := _bukan_draf(request, skp)) is not None:
        return tolak
    return _render_editor(request, skp)


@login_required
@require_POST
def pengaturan(request, pk: int):
    me, skp = _skp_milik(request, pk)
    form = SkpPengaturanForm(request.POST, auto_id="id_pengaturan_%s")
    if form.is_valid():
        try:
            services.skp_ubah(actor=me, skp=skp, **form.cleaned_data)
        except SkpError as exc:
            skp.refresh_from_db()
            if not skp.dapat_diubah:
                return _tolak_aksi(request, skp, exc)
            tampilkan_galat(form, exc)
        else:
            messages.success(request, _("Pendekatan dan periode SKP sudah disimpan."))
            return redirect("skp:ubah", skp.pk)
    if not skp.dapat_diubah:
        return _tolak_aksi(request, skp, SkpError(rules.cek_dapat_diubah(skp.status)))
    return _render_editor(request, skp, status=DITOLAK, form_pengaturan=form)


@login_required
@require_POST
def ajukan(request, pk: int):
    me, skp = _skp_milik(request, pk)
    try:
        services.skp_ajukan(actor=me, skp=skp)
    except SkpError as exc:
        skp.refresh_from_db()
        if not skp.dapat_diubah:
            messages.error(request, exc.message)
            return _render_detail(request, skp, status=DITOLAK)
        return _render_editor(request, skp, status=DITOLAK, galat_ajukan=exc.daftar)
    atasan = identitas_skp(skp).penilai
    nama = (atasan or {}).get("nama") or (atasan or {}).get("jabatan") or _("pejabat penilai")
    messages.success(request, _("SKP sudah diajukan kepada %(nama)s untuk disetujui.") % {"nama": nama})
    return redirect("skp:detail", skp.pk)


@login_required
@require_POST
def perbaiki(request, pk: int):
    me, skp = _skp_milik(request, pk)
    try:
        services.skp_perbaiki(actor=me, skp=skp)
    except SkpError as exc:
        messages.error(request, exc.message)
        return _render_detail(request, skp, status=DITOLAK)
    messages.info(request, _("SKP kembali menjadi draf. Perbaiki sesuai catatan, lalu ajukan kembali."))
    return redirect("skp:ubah", skp.pk)


# --- RHK ----------------------------------------------------------------------------------------------------------


def _rhk_kwargs(form: RhkForm, skp: Skp) -> dict:
    data = form.cleaned_data
    kwargs = {"teks": data["teks"], "intervensi": data["intervensi"]}
    if skp.is_jpt:
        kwargs.update(perspektif=data["perspektif"], acuan_jenis=data["acuan_jenis"], acuan=data["acuan"])
    return kwargs


@login_required
@require_POST
def rhk_tambah(request, pk: int):
    me, skp = _skp_milik(request, pk)
    jenis = request.POST.get("jenis")
    if jenis not in JenisRhk.values:
        raise Http404
    return _simpan_item(
        request,
        skp,
        RhkForm(request.POST, auto_id=f"id_rhk_baru_{jenis}_%s"),
        lambda form: services.rhk_tambah(actor=me, skp=skp, jenis=jenis, **_rhk_kwargs(form, skp)),
        ("bagian", jenis),
        f"rhk-{jenis}",
        ("rhk_tambah", jenis),
    )


def _rhk_milik(request, pk: int, rhk_pk: int) -> tuple[Pegawai, Skp, RencanaHasilKerja]:
    me, skp = _skp_milik(request, pk)
    rhk = get_object_or_404(RencanaHasilKerja.objects.select_related("skp"), pk=rhk_pk, skp=skp)
    return me, skp, rhk


@login_required
def rhk_ubah(request, pk: int, rhk_pk: int):
    """GET: the RHK card in edit mode (``?batal=1``: back to display); POST: save it."""
    me, skp, rhk = _rhk_milik(request, pk, rhk_pk)
    return _ubah_item(
        request,
        skp,
        form_kelas=RhkForm,
        auto_id=f"id_rhk_{rhk.pk}_%s",
        initial=lambda: _rhk_initial(rhk),
        simpan=lambda form: services.rhk_ubah(actor=me, rhk=rhk, **_rhk_kwargs(form, skp)),
        fragmen=("kartu", rhk.pk),
        anchor=f"rhk-{rhk.pk}",
        timpa_key=("rhk_ubah", rhk.pk),
    )


@login_required
@require_POST
def rhk_hapus(request, pk: int, rhk_pk: int):
    me, skp, rhk = _rhk_milik(request, pk, rhk_pk)
    hapus = partial(services.rhk_hapus, actor=me, rhk=rhk)
    return _hapus_item(request, skp, hapus, ("bagian", rhk.jenis), f"rhk-{rhk.jenis}")


@login_required
@require_POST
def rhk_pindah(request, pk: int, rhk_pk: int):
    me, skp, rhk = _rhk_milik(request, pk, rhk_pk)
    pindah = partial(services.rhk_pindah, actor=me, rhk=rhk)
    return _pindah_item(request, skp, rhk, pindah, ("bagian", rhk.jenis), f"rhk-{rhk.pk}")


# --- IKI ----------------------------------------------------------------------------------------------------------


def _iki_kwargs(form: IkiForm, skp: Skp) -> dict:
    data = form.cleaned_data
    if skp.pendekatan == Pendekatan.KUALITATIF:
        return {"teks": data["teks"], "ukuran_keberhasilan": data["ukuran_keberhasilan"], "aspek": data["aspek"]}
    return {
        "teks": data["teks"],
        "aspek": "" if skp.is_jpt else data["aspek"],
        "target_min": data["target_min"] or None,
        "target_max": data["target_max"] or None,
        "satuan": data["satuan"],
    }


@login_required
@require_POST
def iki_tambah(request, pk: int, rhk_pk: int):
    me, skp, rhk = _rhk_milik(request, pk, rhk_pk)
    return _simpan_item(
        request,
        skp,
        IkiForm(request.POST, auto_id=f"id_iki_baru_{rhk.pk}_%s"),
        lambda form: services.iki_tambah(actor=me, rhk=rhk, **_iki_kwargs(form, skp)),
        ("kartu", rhk.pk),
        f"rhk-{rhk.pk}",
        ("iki_tambah", rhk.pk),
    )


def _iki_milik(request, pk: int, iki_pk: int):
    me, skp = _skp_milik(request, pk)
    iki = get_object_or_404(IndikatorKinerjaIndividu.objects.select_related("rhk__skp"), pk=iki_pk, rhk__skp=skp)
    return me, skp, iki


@login_required
def iki_ubah(request, pk: int, iki_pk: int):
    me, skp, iki = _iki_milik(request, pk, iki_pk)
    return _ubah_item(
        request,
        skp,
        form_kelas=IkiForm,
        auto_id=f"id_iki_{iki.pk}_%s",
        initial=lambda: _iki_initial(iki),
        simpan=lambda form: services.iki_ubah(actor=me, iki=iki, **_iki_kwargs(form, skp)),
        fragmen=("kartu", iki.rhk_id),
        anchor=f"rhk-{iki.rhk_id}",
        timpa_key=("iki_ubah", iki.pk),
    )


@login_required
@require_POST
def iki_hapus(request, pk: int, iki_pk: int):
    me, skp, iki = _iki_milik(request, pk, iki_pk)
    hapus = partial(services.iki_hapus, actor=me, iki=iki)
    return _hapus_item(request, skp, hapus, ("kartu", iki.rhk_id), f"rhk-{iki.rhk_id}")


@login_required
@require_POST
def iki_pindah(request, pk: int, iki_pk: int):
    me, skp, iki = _iki_milik(request, pk, iki_pk)
    pindah = partial(services.iki_pindah, actor=me, iki=iki)
    return _pindah_item(request, skp, iki, pindah, ("kartu", iki.rhk_id), f"rhk-{iki.rhk_id}")


# --- Lampiran -----------------------------------------------------------------------------------------------------


@login_required
@require_POST
def lampiran_tambah(request, pk: int):
    me, skp = _skp_milik(request, pk)
    jenis = request.POST.get("jenis")
    if jenis not in JenisLampiran.values:
        raise Http404
    return _simpan_item(
        request,
        skp,
        LampiranForm(request.POST, auto_id=f"id_lampiran_baru_{jenis}_%s"),
        lambda form: services.lampiran_tambah(actor=me, skp=skp, jenis=jenis, teks=form.cleaned_data["teks"]),
        ("lampiran", jenis),
        f"lampiran-{jenis}",
        ("lampiran_tambah", jenis),
    )


def _lampiran_milik(request, pk: int, item_pk: int):
    me, skp = _skp_milik(request, pk)
    item = get_object_or_404(LampiranItem.objects.select_related("skp"), pk=item_pk, skp=skp)
    return me, skp, item


@login_required
def lampiran_ubah(request, pk: int, item_pk: int):
    me, skp, item = _lampiran_milik(request, pk, item_pk)
    return _ubah_item(
        request,
        skp,
        form_kelas=LampiranForm,
        auto_id=f"id_lampiran_{item.pk}_%s",
        initial=lambda: {"jenis": item.jenis, "teks": item.teks},
        simpan=lambda form: services.lampiran_ubah(actor=me, item=item, teks=form.cleaned_data["teks"]),
        fragmen=("lampiran", item.jenis),
        anchor=f"lampiran-{item.jenis}",
        timpa_key=("lampiran_ubah", item.pk),
    )


@login_required
@require_POST
def lampiran_hapus(request, pk: int, item_pk: int):
    me, skp, item = _lampiran_milik(request, pk, item_pk)
    hapus = partial(services.lampiran_hapus, actor=me, item=item)
    return _hapus_item(request, skp, hapus, ("lampiran", item.jenis), f"lampiran-{item.jenis}")


@login_required
@require_POST
def lampiran_pindah(request, pk: int, item_pk: int):
    me, skp, item = _lampiran_milik(request, pk, item_pk)
    pindah = partial(services.lampiran_pindah, actor=me, item=item)
    return _pindah_item(request, skp, item, pindah, ("lampiran", item.jenis), f"lampiran-{item.jenis}")


# ---------------------------------------------------------------------------------------------------------------
# Atasan: queue, review, decision, ekspektasi
# ---------------------------------------------------------------------------------------------------------------


@butuh_pegawai
def antrian(request, me: Pegawai):
    """The SKP of the bawahan the user rates (own position and Plt/Plh) for a year: submitted ones first."""
    tahun = _tahun(request)
    rows = skp_antrian_atasan(me, tahun)
    hitung = {s.value: 0 for s in StatusRekap}
    for row in rows:
        hitung[row.status] += 1
    return render(
        request,
        "skp/antrian.html",
        {
            "tahun": tahun,
            "rows": rows,
            "hitung": [(s.value, s.label, hitung[s.value]) for s in StatusRekap],
            "menunggu": hitung[StatusRekap.DIAJUKAN],
            "daftar_tahun": _daftar_tahun(tahun),
        },
    )


def _daftar_tahun(tahun: int) -> list[int]:
    sekarang = timezone.localdate().year
    return sorted({sekarang - 2, sekarang - 1, sekarang, sekarang + 1, tahun}, reverse=True)


def _render_tinjau(
    request,
    skp: Skp,
    peran: str,
    *,
    status: int = 200,
    form_kembali: KembalikanForm | None = None,
    galat: list[str] | None = None,
):
    context = _konteks_baca(skp)
    context.update(
        peran=peran,
        atas_nama_kepala_daerah=peran == "kepala_daerah",
        form_kembali=form_kembali or KembalikanForm(),
        boleh_putus=skp.status == SkpStatus.DIAJUKAN,
        boleh_ekspektasi=rules.cek_ekspektasi(skp.status) is None,
        galat=galat,
        kepala_daerah_jabatan=settings.KEPALA_DAERAH_JABATAN,
    )
    versi = _versi(request, skp)
    context.update(
        versi=versi,
        riwayat=list(
            SkpRiwayat.objects.filter(skp__in=[v.pk for v in versi]).select_related("skp").order_by("-waktu", "-pk")
        ),
    )
    return render(request, "skp/tinjau.html", context, status=status)


def _tinjau_objek(request, pk: int) -> tuple[Skp, str]:
    skp = _skp_terlihat(request, pk)
    peran = _peran_penilai(request.user, skp)
    if peran is None:
        raise Http404
    return skp, peran


def _kembali_ke_antrian(peran: str, skp: Skp) -> HttpResponse:
    nama = "skp:kepala_daerah" if peran == "kepala_daerah" else "skp:antrian"
    return redirect(f"{reverse(nama)}?tahun={skp.tahun}")


@login_required
def tinjau(request, pk: int):
    skp, peran = _tinjau_objek(request, pk)
    return _render_tinjau(request, skp, peran)


@login_required
@require_POST
def setujui(request, pk: int):
    skp, peran = _tinjau_objek(request, pk)
    try:
        if peran == "kepala_daerah":
            services.skp_setujui_kepala_daerah(user=request.user, skp=skp)
        else:
            services.skp_setujui(actor=pegawai_of(request.user), skp=skp)
    except SkpError as exc:
        skp.refresh_from_db()
        return _render_tinjau(request, skp, peran, status=DITOLAK, galat=exc.daftar)
    messages.success(
        request,
        _("SKP %(nama)s tahun %(tahun)s sudah disetujui.") % {"nama": skp.pegawai.nama_lengkap, "tahun": skp.tahun},
    )
    return _kembali_ke_antrian(peran, skp)


@login_required
@require_POST
def kembalikan(request, pk: int):
    skp, peran = _tinjau_objek(request, pk)
    form = KembalikanForm(request.POST)
    form.is_valid()
    catatan = form.cleaned_data.get("catatan", "")
    try:
        if peran == "kepala_daerah":
            services.skp_kembalikan_kepala_daerah(user=request.user, skp=skp, catatan=catatan)
        else:
            services.skp_kembalikan(actor=pegawai_of(request.user), skp=skp, catatan=catatan)
    except SkpError as exc:
        skp.refresh_from_db()
        tampilkan_galat(form, exc)
        return _render_tinjau(request, skp, peran, status=DITOLAK, form_kembali=form)
    messages.success(
        request,
        _("SKP %(nama)s dikembalikan dengan catatan untuk diperbaiki.") % {"nama": skp.pegawai.nama_lengkap},
    )
    return _kembali_ke_antrian(peran, skp)


@login_required
@require_POST
def ekspektasi(request, pk: int):
    """Save the Ekspektasi Khusus Pimpinan for one BerAKHLAK value; htmx gets the value's block back."""
    skp, peran = _tinjau_objek(request, pk)
    form = EkspektasiForm(request.POST)
    if not form.is_valid():
        raise Http404
    perilaku = form.cleaned_data["perilaku"]
    teks = form.cleaned_data["teks"]
    status = 200
    try:
        if peran == "kepala_daerah":
            services.ekspektasi_set_kepala_daerah(user=request.user, skp=skp, perilaku=perilaku, teks=teks)
        else:
            services.ekspektasi_set(actor=pegawai_of(request.user), skp=skp, perilaku=perilaku, teks=teks)
    except SkpError as exc:
        tampilkan_galat(form, exc)
        status = DITOLAK
    if not request.htmx:
        if status == 200:
            messages.success(request, _("Ekspektasi %(nilai)s sudah disimpan.") % {"nilai": perilaku.nama})
            return redirect(f"{reverse('skp:tinjau', args=[skp.pk])}#perilaku-{perilaku.kode}")
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _render_tinjau(request, skp, peran, status=status)
    skp.refresh_from_db()
    tersimpan = EkspektasiKhusus.objects.filter(skp=skp, perilaku=perilaku).values_list("teks", flat=True).first()
    baris = PerilakuBaris(
        perilaku=perilaku,
        ekspektasi=tersimpan or "",
        form=form if status != 200 else None,
        tersimpan=status == 200,
    )
    return render(
        request,
        "skp/_ekspektasi.html",
        {"p": baris, "skp": skp, "boleh_ekspektasi": rules.cek_ekspektasi(skp.status) is None},
        status=status,
    )


@butuh_peran(_admin_bkpsdm)
def kepala_daerah(request):
    """Admin BKPSDM's queue of the SKP rated by the kepala daerah (the top JPT)."""
    tahun = _tahun(request)
    return render(
        request,
        "skp/kepala_daerah.html",
        {"tahun": tahun, "rows": skp_antrian_kepala_daerah(tahun), "daftar_tahun": _daftar_tahun(tahun)},
    )


# ---------------------------------------------------------------------------------------------------------------
# Matriks Peran Hasil
# ---------------------------------------------------------------------------------------------------------------


@login_required
def mph(request):
    """The Matriks Peran Hasil of one unit and year, among the units the user may read."""
    units = unit_mph_visible_to(request.user)
    opd_ids = list(units.order_by().values_list("perangkat_daerah_id", flat=True).distinct())
    if not opd_ids:
        raise Http404
    opds = list(PerangkatDaerah.objects.filter(pk__in=opd_ids).order_by("nama"))
    unit = None
    if request.GET.get("unit"):
        try:
            unit = units.select_related("perangkat_daerah").get(pk=int(request.GET["unit"]))
        except (ValueError, UnitKerja.DoesNotExist):
            raise Http404 from None
        opd = unit.perangkat_daerah
    else:
        opd = None
        if request.GET.get("opd"):
            opd = next((o for o in opds if str(o.pk) == request.GET["opd"]), None)
            if opd is None:
                raise Http404
    if unit is None:
        unit = _unit_awal(request.user, units, opd)
        opd = unit.perangkat_daerah
    unit_pilihan = list(units.filter(perangkat_daerah=opd).order_by("nama"))
    tahun = _tahun(request)
    matriks = []
    for m in matriks_peran_hasil(unit, tahun):
        urut = {r.pk: i for i, r in enumerate(_berkode([b.rhk for b in m.baris]))}
        baris = []
        for b in sorted(m.baris, key=lambda b: urut[b.rhk.pk]):
            sel = [b.sel.get(k.pegawai.pk, []) for k in m.bawahan]
            baris.append({"b": b, "sel": sel, "isi": [(k, rhk) for k, rhk in zip(m.bawahan, sel, strict=True) if rhk]})
        matriks.append(
            {
                "m": m,
                "baris": baris,
                "rhk_lain": [k for k in m.bawahan if k.rhk_lain],
                "tanpa_intervensi": [k for k in m.bawahan if k.tanpa_intervensi],
            }
        )
    return render(
        request,
        "skp/mph.html",
        {
            "unit": unit,
            "opd": opd,
            "opds": opds,
            "unit_pilihan": unit_pilihan,
            "tahun": tahun,
            "daftar_tahun": _daftar_tahun(tahun),
            "matriks": matriks,
        },
    )


def _unit_awal(user, units, opd: PerangkatDaerah | None) -> UnitKerja:
    """The unit shown first: the one the user leads, else the first of the chosen (or first) OPD."""
    me = pegawai_of(user)
    qs = units.select_related("perangkat_daerah")
    if opd is not None:
        qs = qs.filter(perangkat_daerah=opd)
    if me is not None:
        milik = qs.filter(jabatan__pk__in=jabatan_dipegang(me)).order_by("nama").first()
        if milik is not None:
            return milik
    pertama = qs.order_by("perangkat_daerah__nama", "nama").first()
    if pertama is None:
        raise Http404
    return pertama


# ---------------------------------------------------------------------------------------------------------------
# Daftar nominatif
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class Nominatif:
    form: NominatifFilterForm
    opd: PerangkatDaerah
    tahun: int
    rows: object
    rekap: dict[str, int]


def _nominatif(request) -> Nominatif:
    """The scoped, filtered daftar nominatif shared by the page and its export (export what you see)."""
    opds = opd_nominatif_visible_to(request.user).order_by("nama")
    data = request.GET.copy()
    if data.get("opd"):
        opd = opds.filter(pk=data["opd"]).first() if data["opd"].isdigit() else None
        if opd is None:
            raise Http404
    else:
        opd = opds.first()
        if opd is None:
            raise Http404
        data["opd"] = str(opd.pk)
    if not data.get("tahun"):
        data["tahun"] = str(timezone.localdate().year)
    form = NominatifFilterForm(
        data,
        opd_queryset=opds,
        unit_queryset=UnitKerja.objects.filter(perangkat_daerah=opd).order_by("nama"),
        auto_id="id_%s",
    )
    tahun = _tahun(request)
    if not form.is_valid():
        rows = Pegawai.objects.none()
        return Nominatif(form=form, opd=opd, tahun=tahun, rows=rows, rekap={s.value: 0 for s in StatusRekap})
    f = form.cleaned_data
    tahun = f["tahun"]
    rows = daftar_nominatif(opd, tahun)
    if f["unit"]:
        rows = rows.filter(jabatan__unit_kerja=f["unit"])
    if f["q"]:
        cond = Q(nama__icontains=f["q"])
        digits = normalize_nip(f["q"])
        if digits.isdigit():
            cond |= Q(nip__contains=digits)
        rows = rows.filter(cond)
    rekap = rekap_status(rows)
    if f["status"]:
        rows = rows.filter(status_skp=f["status"])
    return Nominatif(form=form, opd=opd, tahun=tahun, rows=rows, rekap=rekap)


_WARNA_STATUS = {
    StatusRekap.BELUM_DIBUAT: "#adb5bd",
    StatusRekap.DRAFT: "#6c757d",
    StatusRekap.DIAJUKAN: "#f2a900",
    StatusRekap.DIKEMBALIKAN: "#dc3545",
    StatusRekap.DISETUJUI: "#198754",
}


@butuh_peran(_boleh_nominatif)
def nominatif(request):
    data = _nominatif(request)
    page = _halaman(request, data.rows)
    label = dict(StatusRekap.choices)
    for p in page.object_list:
        p.status_label = label.get(p.status_skp, p.status_skp)
    return render(
        request,
        "skp/nominatif.html",
        {
            "form": data.form,
            "opd": data.opd,
            "tahun": data.tahun,
            "page_obj": page,
            "rekap": [(s.value, s.label, data.rekap[s.value]) for s in StatusRekap],
            "total_rekap": sum(data.rekap.values()),
            "grafik": {
                "labels": [str(s.label) for s in StatusRekap],
                "data": [data.rekap[s.value] for s in StatusRekap],
                "warna": [_WARNA_STATUS[s] for s in StatusRekap],
            },
            "ada_filter": any(request.GET.get(k) for k in ("status", "unit", "q")),
            # The batch ZIP is for the OPD's admin and BKPSDM (skp:pdf_opd); pimpinan read on screen.
            "boleh_cetak_opd": _boleh_cetak_opd(request.user, data.opd),
            "jumlah_disetujui": data.rekap[StatusRekap.DISETUJUI],
        },
    )


def _boleh_cetak_opd(user, opd) -> bool:
    roles = peran_of(user)
    return roles.admin_bkpsdm or opd.pk in roles.admin_opd_ids


@butuh_peran(_boleh_nominatif)
def nominatif_ekspor(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in FORMATS:
        raise Http404
    data = _nominatif(request)
    if not data.form.is_valid():
        messages.error(request, _("Filter belum benar; perbaiki dulu sebelum mengunduh."))
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(f"{reverse('skp:nominatif')}?{query.urlencode()}")
    export = DaftarNominatifExporter(data.rows, opd=data.opd, tahun=data.tahun).render(fmt)
    catat_akses(
        user=request.user,
        jenis=JenisAkses.EKSPOR,
        objek=_("Daftar nominatif SKP %(opd)s tahun %(tahun)s (%(format)s)")
        % {"opd": data.opd.singkatan or data.opd.nama, "tahun": data.tahun, "format": fmt.upper()},
        request=request,
        jumlah_baris=export.jumlah_baris,
    )
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
