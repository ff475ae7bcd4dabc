"""Helpers of ``bench/aktivitas_submit.py`` (a package, so ``make bench`` does not run them as benchmarks): the
WSGI application gunicorn serves during the benchmark, its settings and the no-database "hello" view."""
