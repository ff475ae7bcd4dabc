"""The benchmark's floor: a view that answers without touching the database (anonymous request, no session)."""

from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path("bench-hello/", hello, name="bench_hello")]
