"""Job pages: progress (polled with htmx) and the permission-checked download of the result."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .choices import JenisAkses
from .models import Pekerjaan, StatusPekerjaan


def _own_job(request, pk):
    # Jobs are private to whoever started them: anyone else gets 404.
    return get_object_or_404(Pekerjaan, pk=pk, user=request.user)


@login_required
def pekerjaan_list(request):
    page = Paginator(Pekerjaan.objects.filter(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "pegawai/pekerjaan_list.html", {"page_obj": page})


@login_required
def pekerjaan_detail(request, pk):
    job = _own_job(request, pk)
    template = "pegawai/_pekerjaan_status.html" if request.htmx else "pegawai/pekerjaan_detail.html"
    return render(request, template, {"job": job})


@login_required
def pekerjaan_unduh(request, pk):
    from .services import catat_akses

    job = _own_job(request, pk)
    if job.status != StatusPekerjaan.SELESAI or not job.berkas:
        raise Http404("Berkas belum tersedia.")
    catat_akses(user=request.user, jenis=JenisAkses.UNDUH, objek=f"Pekerjaan: {job.judul}", request=request)
    name = job.berkas.name.rsplit("/", 1)[-1]
    return FileResponse(job.berkas.open("rb"), as_attachment=True, filename=name)
