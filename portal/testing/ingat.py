"""Running code the way a view runs it, inside one request's memo (:mod:`portal.ingat`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import HttpResponse
from django.test import RequestFactory

from portal.ingat import IngatMiddleware

T = TypeVar("T")


def dalam_permintaan(isi: Callable[[], T]) -> T:
    """``isi()`` inside one request's memo, opened and dropped by :class:`~portal.ingat.IngatMiddleware` as for a
    real request; its answer."""
    hasil = {}

    def view(request):
        hasil["jawaban"] = isi()
        return HttpResponse()

    IngatMiddleware(view)(RequestFactory().get("/"))
    return hasil["jawaban"]
