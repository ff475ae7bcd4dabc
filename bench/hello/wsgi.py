"""The WSGI application of ``bench/aktivitas_submit.py``: the portal's own Django application, plus two answers
that exist only while the benchmark runs, in the same gunicorn workers:

- ``/bench-hello/`` — the floor: a Django view through the full middleware stack (sessions, CSRF, auth, axes,
  pghistory…) that touches no database. Routed with a per-request urlconf, so no production URL is added.
- ``/bench-tulis/`` and ``/bench-halaman/`` — the least an activity submission and a portal page must do
  (``bench/hello/urls.py``), for information;
- ``/bench-raw/`` — gunicorn and WSGI alone, no Django at all (printed for information).

Every response echoes the request's ``X-Bench-Id`` header, so the load script knows which request a 2xx answers
and the benchmark can check that each one left its row.
"""

import os

import django
from django.core.handlers.wsgi import WSGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.hello.settings")
django.setup(set_prefix=False)

#: Paths answered by bench/hello/urls.py.
BENCH_PATHS = frozenset({"/bench-hello/", "/bench-tulis/", "/bench-halaman/"})


class _Handler(WSGIHandler):
    def get_response(self, request):
        if request.path_info in BENCH_PATHS:
            request.urlconf = "bench.hello.urls"
        return super().get_response(request)


_django = _Handler()


def application(environ, start_response):
    bench_id = environ.get("HTTP_X_BENCH_ID")
    if environ.get("PATH_INFO") == "/bench-raw/":
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
        return [b"hello"]
    if bench_id is None:
        return _django(environ, start_response)

    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Bench-Id", bench_id)], exc_info)

    return _django(environ, start)
