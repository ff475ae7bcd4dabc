"""The Dokumen Evaluasi Kinerja Pegawai (DEKP): one final evaluation's PDF, and an OPD's batch for a period as a ZIP
job with progress (portal.jobs).

The single download is served from the document stored on the evaluation. The Celery task queued at finalisation
normally stored it already; when it has not run yet (a busy queue, a worker down) the view renders it right here
through the same :func:`penilaian.pdf.dekp_simpan`. One document renders in well under a second, so the pegawai
gets their document at once instead of a job page or a "try again later"; the row lock inside ``dekp_simpan``
makes this and the task store one file between them.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.akses import butuh_peran, opd_dikelola, peran_admin
from pegawai.models import PerangkatDaerah
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS
from portal.forms import BootstrapMixin
from portal.jobs import pekerjaan_mulai

from .. import tasks
from ..choices import StatusEvaluasi
from ..selectors.evaluasi import evaluasi_visible_to
from ..selectors.periode import periode_bawaan, periode_semua

#: Pekerjaan.jenis of the OPD batch: with the parameters, what identifies "the same document" for a re-run.
JENIS_PEKERJAAN_OPD = "dekp_opd"


@login_required
def dekp(request: HttpRequest, evaluasi_pk: int) -> HttpResponse:
    evaluasi = get_object_or_404(
        evaluasi_visible_to(request.user).select_related("pegawai", "periode", "skp"),
        pk=evaluasi_pk,
        status=StatusEvaluasi.FINAL,
    )
    # WeasyPrint and Pango load only in the process that renders (as in penilaian.tasks).
    from ..pdf import MIMETYPE, dekp_simpan, nama_berkas

    if not evaluasi.dokumen:
        tersimpan = dekp_simpan(evaluasi.pk)
        if tersimpan is None:  # reopened between the two reads
            raise Http404
        evaluasi.dokumen = tersimpan.dokumen
    if evaluasi.pegawai.user_id != request.user.pk:
        # UU 27/2022 Pasal 31: someone else's evaluation leaves the system as a file.
        catat_akses(
            user=request.user,
            jenis=JenisAkses.UNDUH,
            objek=_("DEKP %(periode)s — %(nama)s") % {"periode": evaluasi.periode.nama, "nama": evaluasi.pegawai.nama},
            pegawai=evaluasi.pegawai,
            request=request,
        )
    return FileResponse(
        evaluasi.dokumen.open("rb"), as_attachment=True, filename=nama_berkas(evaluasi), content_type=MIMETYPE
    )


class DekpOpdForm(BootstrapMixin, forms.Form):
    """The period and the OPD of a batch; the OPDs are those the admin administers (all for admin BKPSDM)."""

    periode = forms.ModelChoiceField(label=gettext_lazy("Periode"), queryset=periode_semua())
    opd = forms.ModelChoiceField(label=gettext_lazy("Perangkat daerah"), queryset=PerangkatDaerah.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        opd = PerangkatDaerah.objects.order_by("nama")
        opd_ids = opd_dikelola(user)
        if opd_ids is not None:
            opd = opd.filter(pk__in=opd_ids)
        self.fields["opd"].queryset = opd
        self.fields["periode"].empty_label = None
        self.fields["opd"].empty_label = None
        baru = periode_bawaan()
        if baru is not None:
            self.fields["periode"].initial = baru.pk
        self._bootstrap()


@butuh_peran(peran_admin)
def dekp_opd(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "penilaian/dekp_opd.html", {"form": DekpOpdForm(user=request.user)})
    form = DekpOpdForm(request.POST, user=request.user)
    if form.is_valid():
        from ..pdf import evaluasi_final_opd  # the query lives beside the builder that runs it again in the worker

        periode, opd = form.cleaned_data["periode"], form.cleaned_data["opd"]
        jumlah = evaluasi_final_opd(opd, periode).filter(pk__in=evaluasi_visible_to(request.user).values("pk")).count()
        if jumlah:
            judul = _("DEKP %(periode)s — %(opd)s (ZIP)") % {"periode": periode.nama, "opd": opd.nama}
            job = pekerjaan_mulai(
                user=request.user,
                jenis=JENIS_PEKERJAAN_OPD,
                judul=judul,
                task=tasks.dekp_zip_opd,
                parameter={"periode": periode.pk, "opd": opd.pk},
            )
            catat_akses(user=request.user, jenis=JenisAkses.EKSPOR, objek=judul, request=request, jumlah_baris=jumlah)
            return redirect("pekerjaan_detail", job.pk)
        form.add_error(
            None,
            _("Belum ada evaluasi final %(periode)s di %(opd)s.") % {"periode": periode.nama, "opd": opd.nama},
        )
    return render(request, "penilaian/dekp_opd.html", {"form": form}, status=REFUSED_STATUS)
