"""The admins' pages of the daily reports: the instansi's settings and holidays (admin BKPSDM), each unit's week
length and the reopening of a locked month (admin OPD of the unit's or pegawai's OPD, or admin BKPSDM)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import (
    butuh_peran,
    pegawai_managed_by,
    peran_admin,
    peran_admin_bkpsdm,
    perangkat_daerah_visible_to,
)
from pegawai.models import UnitKerja
from portal.errors import REFUSED_STATUS, add_to_form
from portal.pagination import paginate
from portal.tautan import kembali_ke

from .. import waktu
from ..errors import AktivitasError
from ..filters import BukaKunciFilterSet, HariKerjaFilterSet
from ..forms import BukaKunciForm, HariKerjaForm, HariLiburForm, PengaturanForm, TahunForm
from ..models import BukaKunci, HariKerjaUnit, HariLibur, PengaturanKinerja
from ..selectors.kalender import hari_kerja_per_minggu, unit_kerja_dikelola
from ..services.kelola import (
    bulan_buka_kunci,
    hari_kerja_unit_atur,
    hari_libur_hapus,
    hari_libur_simpan,
    pengaturan_ubah,
)


@butuh_peran(peran_admin_bkpsdm)
def pengaturan(request):
    """The instansi's settings (one Pemda per deployment, so admin BKPSDM only)."""
    form = PengaturanForm(request.POST or None, instance=PengaturanKinerja.get_solo())
    if request.method == "POST":
        if form.is_valid():
            try:
                pengaturan_ubah(actor=request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields})
            except AktivitasError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("Pengaturan kinerja harian tersimpan."))
                return redirect("kinerja:pengaturan")
        return render(request, "kinerja/admin_pengaturan.html", {"form": form}, status=REFUSED_STATUS)
    return render(request, "kinerja/admin_pengaturan.html", {"form": form})


@butuh_peran(peran_admin_bkpsdm)
def libur(request):
    """National holidays and cuti bersama of a year; adding one (or renaming a date) moves deadlines at once."""
    pilih_tahun = TahunForm(request.GET)
    tahun = (pilih_tahun.cleaned_data["tahun"] if pilih_tahun.is_valid() else None) or waktu.hari_ini().year
    form = HariLiburForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                obj = hari_libur_simpan(
                    actor=request.user, tanggal=data["tanggal"], nama=data["nama"], jenis=data["jenis"]
                )
            except AktivitasError as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("%(tanggal)s tercatat sebagai %(nama)s.")
                    % {"tanggal": date_format(obj.tanggal, "l, j F Y"), "nama": obj.nama},
                )
                return redirect(f"{reverse('kinerja:libur')}?tahun={obj.tanggal.year}")
        status = REFUSED_STATUS
    page = paginate(request, HariLibur.objects.filter(tanggal__year=tahun).order_by("tanggal"))
    return render(
        request,
        "kinerja/admin_libur.html",
        {"form": form, "page_obj": page, "tahun": tahun, "tahun_lalu": tahun - 1, "tahun_depan": tahun + 1},
        status=status,
    )


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def libur_hapus(request, pk: int):
    obj = get_object_or_404(HariLibur, pk=pk)
    hari_libur_hapus(actor=request.user, hari_libur=obj)
    messages.info(
        request,
        _("%(tanggal)s (%(nama)s) dihapus dari daftar hari libur.")
        % {"tanggal": date_format(obj.tanggal, "j F Y"), "nama": obj.nama},
    )
    return redirect(f"{reverse('kinerja:libur')}?tahun={obj.tanggal.year}")


@dataclass
class BarisUnit:
    unit: UnitKerja
    sendiri: int | None
    berlaku: int
    form: HariKerjaForm


def _baris_unit(units: list[UnitKerja]) -> list[BarisUnit]:
    pengaturan = PengaturanKinerja.get_solo()
    berlaku = hari_kerja_per_minggu([u.pk for u in units], pengaturan)
    sendiri = dict(
        HariKerjaUnit.objects.filter(unit_kerja__in=units).values_list("unit_kerja_id", "hari_kerja_per_minggu")
    )
    return [
        BarisUnit(
            unit=u,
            sendiri=sendiri.get(u.pk),
            berlaku=berlaku[u.pk],
            form=HariKerjaForm(
                initial={"hari_kerja_per_minggu": str(sendiri.get(u.pk) or "")}, auto_id=f"id_unit{u.pk}_%s"
            ),
        )
        for u in units
    ]


@butuh_peran(peran_admin)
def hari_kerja(request):
    """The week length of each unit the admin manages: its own, or inherited from the unit above / the instansi."""
    units = (
        unit_kerja_dikelola(request.user)
        .select_related("perangkat_daerah", "parent")
        .order_by("perangkat_daerah__nama", "nama", "pk")
    )
    opd_pilihan = (
        perangkat_daerah_visible_to(request.user)
        .filter(pk__in=unit_kerja_dikelola(request.user).values("perangkat_daerah_id"))
        .order_by("nama")
    )
    filterset = HariKerjaFilterSet(request.GET, queryset=units, opd_qs=opd_pilihan)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "kinerja/admin_hari_kerja.html",
        {
            "page_obj": page,
            "rows": _baris_unit(list(page.object_list)),
            "filter": filterset,
            "pilih_opd": len(opd_pilihan) > 1,
            "bawaan": PengaturanKinerja.get_solo().get_hari_kerja_per_minggu_display(),
        },
    )


@butuh_peran(peran_admin)
@require_POST
def hari_kerja_ubah(request, pk: int):
    unit = get_object_or_404(unit_kerja_dikelola(request.user).select_related("perangkat_daerah", "parent"), pk=pk)
    form = HariKerjaForm(request.POST, auto_id=f"id_unit{unit.pk}_%s")
    pesan = None
    status = 200
    if form.is_valid():
        try:
            hari_kerja_unit_atur(actor=request.user, unit_kerja=unit, hari_kerja_per_minggu=form.nilai())
        except AktivitasError as exc:
            pesan, status = ("danger", exc.message), REFUSED_STATUS
        else:
            pesan = ("success", _("Tersimpan."))
    else:
        pesan, status = ("danger", _("Pilihan hari kerja tidak dikenal.")), REFUSED_STATUS
    if request.htmx:
        return render(
            request,
            "kinerja/_hari_kerja_baris.html",
            {"r": _baris_unit([unit])[0], "pesan_baris": pesan},
            status=status,
        )
    if status == 200:
        messages.success(request, _("Hari kerja %(unit)s tersimpan.") % {"unit": unit.nama})
    else:
        messages.error(request, pesan[1])
    return redirect(kembali_ke(request, reverse("kinerja:hari_kerja")))


@butuh_peran(peran_admin)
def buka_kunci(request):
    """Reopen one pegawai-month after its verification deadline, with a reason; every reopening is listed."""
    dikelola = pegawai_managed_by(request.user)
    form = BukaKunciForm(request.POST or None, pegawai_qs=dikelola)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            tahun, bulan = data["bulan"]
            try:
                obj = bulan_buka_kunci(
                    actor=request.user,
                    pegawai=data["nip"],
                    tahun=tahun,
                    bulan=bulan,
                    alasan=data["alasan"],
                    sampai=data["sampai"],
                )
            except AktivitasError as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Bulan %(bulan)s dibuka untuk %(nama)s sampai %(sampai)s.")
                    % {
                        "bulan": date_format(datetime.date(tahun, bulan, 1), "F Y"),
                        "nama": obj.pegawai.nama_lengkap,
                        "sampai": date_format(obj.sampai, "j F Y"),
                    },
                )
                return redirect("kinerja:buka_kunci")
        status = REFUSED_STATUS
    riwayat = BukaKunci.objects.filter(pegawai__in=dikelola.values("pk")).select_related("pegawai", "oleh__pegawai")
    filterset = BukaKunciFilterSet(request.GET, queryset=riwayat.order_by("-dibuat_pada", "-pk"))
    page = paginate(request, filterset.qs)
    return render(
        request,
        "kinerja/admin_buka_kunci.html",
        {"form": form, "page_obj": page, "filter": filterset, "hari_ini": waktu.hari_ini()},
        status=status,
    )
