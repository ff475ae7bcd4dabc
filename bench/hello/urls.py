"""The benchmark's reference views, served only by ``bench/hello/wsgi.py`` (never a production URL):

- ``/bench-hello/`` — the floor: answers without touching the database (anonymous request, no session);
- ``/bench-tulis/`` — the least any activity submission must do, for information: the logged-in pegawai (session,
  user row, pegawai row) writes one activity row from the posted fields, in a transaction, with the row's triggers
  (audit history, monthly summary), and answers two bytes. No validation, no authorisation beyond the login, no
  page: what the issue calls "a lean Django view that writes one row" — the ceiling of the real submit on the same
  server, which shows how much of the gap to the floor is the write itself;
- ``/bench-halaman/`` — the least any portal page must do, for information: the logged-in user's page frame
  (``base.html``: menu, header, footer, with the context processors every page runs) with nothing in it.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.urls import path, set_urlconf
from django.views.decorators.http import require_POST

from kinerja import rules
from kinerja.models import Aktivitas
from pegawai.models import Pegawai


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


@require_POST
def tulis(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    data = request.POST
    mulai = datetime.time.fromisoformat(data["jam_mulai"])
    selesai = datetime.time.fromisoformat(data["jam_selesai"])
    with transaction.atomic():
        Aktivitas.objects.create(
            pegawai_id=Pegawai.objects.filter(user=request.user).values_list("pk", flat=True).get(),
            tanggal=datetime.date.fromisoformat(data["tanggal"]),
            rhk_id=int(data["pilihan"].removeprefix("rhk-")),
            uraian=data["uraian"],
            volume=Decimal(data["volume"]),
            satuan=data["satuan"],
            jam_mulai=mulai,
            jam_selesai=selesai,
            menit=rules.menit_antara(mulai, selesai),
        )
    return HttpResponse(b"ok", content_type="text/plain")


def halaman(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    # The frame's links are the portal's: reverse them against its URLs, not this request's bench urlconf.
    set_urlconf(None)
    return render(request, "base.html")


urlpatterns = [
    path("bench-hello/", hello, name="bench_hello"),
    path("bench-tulis/", tulis, name="bench_tulis"),
    path("bench-halaman/", halaman, name="bench_halaman"),
]
