"""Realisasi per IKI on the progress page: a kuantitas IKI shows the sum of its activities; any other IKI shows
the value its pegawai stated with evidence, and the pegawai states it here for one month (inline with htmx, or a
plain POST that returns to the page). Whoever else may see the page reads it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_pegawai
from pegawai.models import Pegawai
from portal.errors import REFUSED_STATUS, add_to_form
from portal.tautan import kembali_ke
from skp.models import IndikatorKinerjaIndividu

from .. import rules, waktu
from ..choices import PeriodeRealisasi
from ..errors import AktivitasError
from ..forms import RealisasiForm
from ..models import Aktivitas
from ..selectors.penguncian import InfoKunci, status_kunci
from ..selectors.realisasi import Realisasi, RealisasiIki, RealisasiRhk, alasan_tidak_dapat_dinyatakan, realisasi
from ..services.realisasi import realisasi_nyatakan


@dataclass
class IkiTampil:
    """One IKI as the page shows it: its realisasi, and for a stated IKI on the owner's monthly page either the
    form or why it cannot be stated now."""

    r: RealisasiIki
    bulan: datetime.date
    form: RealisasiForm | None = None
    tertutup: str = ""

    @property
    def url(self) -> str:
        return reverse("kinerja:realisasi_nyatakan", args=[self.r.iki.pk, self.bulan.year, self.bulan.month])


@dataclass
class BarisTampil:
    """One row of the realisasi table: the RHK (or category), its IKI, and — on a monthly page — the approved
    activities shown beside a stated IKI as support."""

    b: RealisasiRhk
    iki: list[IkiTampil] = field(default_factory=list)
    pendukung: list[Aktivitas] | None = None

    @property
    def ada_dinyatakan(self) -> bool:
        return any(not t.r.dijumlah for t in self.iki)

    @property
    def volume_per_satuan(self) -> dict:
        """The activities' volume per satuan, without the satuan of a stated IKI (ten activities of "100 %" are
        not "1.000 %", the very figure the rule keeps off the page) unless a summed IKI uses it too."""
        dinyatakan = {t.r.iki.satuan.strip().lower() for t in self.iki if not t.r.dijumlah}
        dijumlah = {t.r.iki.satuan.strip().lower() for t in self.iki if t.r.dijumlah}
        sembunyi = dinyatakan - dijumlah
        return {k: v for k, v in self.b.volume_per_satuan.items() if k not in sembunyi}


def tampil_iki(
    r: RealisasiIki,
    rhk_skp,
    *,
    awal: datetime.date,
    sendiri: bool,
    tahunan: bool,
    kunci: InfoKunci,
    hari_ini: datetime.date,
    form: RealisasiForm | None = None,
) -> IkiTampil:
    """The form is offered to the owner on a monthly page only, when
    :func:`~kinerja.selectors.realisasi.alasan_tidak_dapat_dinyatakan` (the service's own check) allows it;
    otherwise the owner reads why. No query."""
    tampil = IkiTampil(r=r, bulan=awal)
    if r.dijumlah or not sendiri:
        return tampil
    if tahunan:
        tampil.tertutup = _("Pilih satu bulan untuk menyatakan realisasinya.")
        return tampil
    alasan = alasan_tidak_dapat_dinyatakan(rhk_skp, awal.year, awal.month, hari_ini, lambda: kunci)
    if alasan:
        tampil.tertutup = alasan
        return tampil
    dinyatakan_bulan_ini = r.dinyatakan if r.dinyatakan is not None and r.dinyatakan.bulan == awal.month else None
    tampil.form = form or RealisasiForm(
        initial=RealisasiForm.awal_dari(dinyatakan_bulan_ini),
        satuan=r.iki.satuan,
        auto_id=f"id_realisasi{r.iki.pk}_%s",
    )
    return tampil


def susun_baris(
    real: Realisasi,
    *,
    sendiri: bool,
    tahunan: bool,
    awal: datetime.date,
    kunci: InfoKunci,
    pendukung: dict[int, list[Aktivitas]] | None = None,
) -> list[BarisTampil]:
    """The rows of the realisasi table (those with an RHK or with activities). No query."""
    hari_ini = waktu.hari_ini()
    hasil = []
    for b in real.baris:
        if b.rhk is None and not b.jumlah_aktivitas:
            continue
        baris = BarisTampil(b=b)
        for r in b.iki:
            baris.iki.append(
                tampil_iki(r, b.rhk.skp, awal=awal, sendiri=sendiri, tahunan=tahunan, kunci=kunci, hari_ini=hari_ini)
            )
        if pendukung is not None and b.rhk is not None and baris.ada_dinyatakan:
            baris.pendukung = pendukung.get(b.rhk.pk, [])
        hasil.append(baris)
    return hasil


def _render_iki(
    request,
    me: Pegawai,
    iki: IndikatorKinerjaIndividu,
    awal: datetime.date,
    kembali: str,
    *,
    form=None,
    pesan=None,
    status=200,
):
    """The block of one IKI after a statement (or its refusal), read again as the page reads it."""
    real = realisasi(me, awal.year, PeriodeRealisasi.BULANAN, awal.month)
    r = next((r for b in real.baris for r in b.iki if r.iki.pk == iki.pk), None)
    if r is None:
        # The IKI no longer counts in this month (its SKP was replaced meanwhile): show it as the service saw it.
        r = RealisasiIki(iki=iki, cara=rules.cara_realisasi(iki.aspek, iki.satuan), volume=None)
    kunci = status_kunci(me, awal.year, awal.month)
    tampil = tampil_iki(
        r,
        iki.rhk.skp,
        awal=awal,
        sendiri=True,
        tahunan=False,
        kunci=kunci,
        hari_ini=waktu.hari_ini(),
        form=form,
    )
    return render(
        request,
        "kinerja/_realisasi_iki.html",
        {"t": tampil, "sendiri": True, "tahunan": False, "pesan": pesan or [], "kembali": kembali},
        status=status,
    )


@butuh_pegawai
@require_POST
def nyatakan(request, me, pk: int, tahun: int, bulan: int):
    """State the realisasi of one of ``me``'s own stated IKI for ``tahun``-``bulan``; anyone else's IKI answers
    404. The rules are the service's (:func:`kinerja.services.realisasi.realisasi_nyatakan`)."""
    if not (1 <= bulan <= 12 and 2000 <= tahun <= 2100):
        raise Http404
    iki = get_object_or_404(
        IndikatorKinerjaIndividu.objects.filter(rhk__skp__pegawai=me).select_related("rhk__skp"), pk=pk
    )
    awal = datetime.date(tahun, bulan, 1)
    form = RealisasiForm(request.POST, satuan=iki.satuan, auto_id=f"id_realisasi{iki.pk}_%s")
    tersimpan = None
    if form.is_valid():
        try:
            tersimpan = realisasi_nyatakan(
                actor=me,
                iki=iki,
                tahun=tahun,
                bulan=bulan,
                nilai=form.cleaned_data["nilai"],
                penjelasan=form.cleaned_data["penjelasan"],
                bukti=form.cleaned_data["bukti"],
            )
        except AktivitasError as exc:
            add_to_form(form, exc)
    kembali = kembali_ke(request, f"{reverse('kinerja:progres')}?bulan={awal:%Y-%m}")
    if tersimpan is None:
        if request.htmx:
            return _render_iki(request, me, iki, awal, kembali, form=form, status=REFUSED_STATUS)
        for pesan in [*form.non_field_errors(), *(e for f in form for e in f.errors)]:
            messages.error(request, pesan)
        return redirect(kembali)
    pesan = _("Realisasi %(bulan)s disimpan: %(nilai)s.") % {
        "bulan": date_format(awal, "F Y"),
        "nilai": f"{tersimpan.nilai_tercetak} {iki.satuan}".strip(),
    }
    if request.htmx:
        return _render_iki(request, me, iki, awal, kembali, pesan=[("success", pesan)])
    messages.success(request, pesan)
    return redirect(kembali)
