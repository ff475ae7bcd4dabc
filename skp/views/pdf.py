"""Start the SKP document jobs: one SKP as PDF, or every approved SKP of an OPD as a ZIP of PDFs.

Both are POST (they start work) and answer with a redirect to the job page of portal.jobs, which polls the
progress and ends in the download. The SKP is fetched through ``skp_visible_to`` (404 outside the user's reach);
the OPD batch is for the admin of that OPD and the admin BKPSDM.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import mengelola_opd
from pegawai.models import PerangkatDaerah
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.jobs import pekerjaan_mulai

from .. import tasks
from ..selectors.skp import skp_disetujui_opd, skp_visible_to

TAHUN_MIN, TAHUN_MAKS = 2000, 2100
#: Pekerjaan.jenis of the two jobs: with the parameters, what identifies "the same document" for a re-run.
JENIS_PEKERJAAN_SKP = "skp_pdf"
JENIS_PEKERJAAN_OPD = "skp_pdf_opd"


@login_required
@require_POST
def skp_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_object_or_404(skp_visible_to(request.user).select_related("pegawai"), pk=pk)
    judul = _("PDF SKP %(tahun)s — %(nama)s") % {"tahun": skp.tahun, "nama": skp.pegawai.nama_lengkap}
    if skp.versi > 1:
        judul = f"{judul} (v{skp.versi})"
    job = pekerjaan_mulai(
        user=request.user, jenis=JENIS_PEKERJAAN_SKP, judul=judul, task=tasks.skp_pdf, parameter={"skp": skp.pk}
    )
    if skp.pegawai.user_id != request.user.pk:
        # UU 27/2022 Pasal 31: someone else's SKP leaves the system as a file.
        catat_akses(user=request.user, jenis=JenisAkses.UNDUH, objek=judul, pegawai=skp.pegawai, request=request)
    return redirect("pekerjaan_detail", job.pk)


def _kembali(request: HttpRequest) -> HttpResponse:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(referer)
    return redirect("dashboard")


@login_required
@require_POST
def skp_pdf_opd(request: HttpRequest, opd_pk: int, tahun: int) -> HttpResponse:
    if not mengelola_opd(request.user, opd_pk) or not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404
    opd = get_object_or_404(PerangkatDaerah, pk=opd_pk)
    jumlah = skp_disetujui_opd(opd, tahun).filter(pk__in=skp_visible_to(request.user).values("pk")).count()
    if not jumlah:
        messages.info(
            request,
            _("Belum ada SKP tahun %(tahun)s yang disetujui di %(opd)s.") % {"tahun": tahun, "opd": opd.nama},
        )
        return _kembali(request)
    judul = _("PDF SKP %(tahun)s — %(opd)s (ZIP)") % {"tahun": tahun, "opd": opd.nama}
    job = pekerjaan_mulai(
        user=request.user,
        jenis=JENIS_PEKERJAAN_OPD,
        judul=judul,
        task=tasks.skp_pdf_opd,
        parameter={"opd": opd.pk, "tahun": tahun},
    )
    catat_akses(user=request.user, jenis=JenisAkses.EKSPOR, objek=judul, request=request, jumlah_baris=jumlah)
    return redirect("pekerjaan_detail", job.pk)
