"""Job pages: progress (polled with htmx), "Coba lagi" for a failed or stuck job, and the permission-checked
download of the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import jobs
from ..akseslog import catat_akses
from ..choices import JenisAkses
from ..models import Pekerjaan
from ..pagination import paginate


def _own_job(request, pk):
    # Jobs are private to whoever started them: anyone else gets 404.
    return get_object_or_404(Pekerjaan, pk=pk, user=request.user)


@login_required
def pekerjaan_list(request):
    page = paginate(request, Pekerjaan.objects.filter(user=request.user), 25)
    return render(request, "portal/pekerjaan_list.html", {"page_obj": page})


@login_required
def pekerjaan_detail(request, pk):
    job = _own_job(request, pk)
    template = "portal/_pekerjaan_status.html" if request.htmx else "portal/pekerjaan_detail.html"
    return render(request, template, {"job": job})


@login_required
@require_POST
def pekerjaan_coba_lagi(request, pk):
    job = _own_job(request, pk)
    if jobs.pekerjaan_coba_lagi(job):
        messages.success(request, _("Pekerjaan diantrekan lagi dan akan diproses dari awal."))
    else:
        messages.info(request, _("Pekerjaan ini masih berjalan atau sudah selesai; tidak ada yang perlu diulang."))
    return redirect("pekerjaan_detail", job.pk)


@login_required
def pekerjaan_unduh(request, pk):
    # The last good file, also while a new run is under way or after it failed: it stays until one replaces it.
    job = _own_job(request, pk)
    if not job.berkas or not job.berkas.storage.exists(job.berkas.name):
        raise Http404("Berkas belum tersedia.")
    catat_akses(user=request.user, jenis=JenisAkses.UNDUH, objek=f"Pekerjaan: {job.judul}", request=request)
    name = job.berkas.name.rsplit("/", 1)[-1]
    return FileResponse(job.berkas.open("rb"), as_attachment=True, filename=name)
