"""Loaded by pytest (`-p mangbagja.testenv` in pytest.ini) before Django settings are imported.

Tests run with the development profile (DEBUG=true: no HTTPS redirect, plain static storage); Django still
forces settings.DEBUG off while a test runs. The production profile is tested in a subprocess
(mangbagja/tests/test_settings.py).
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("AXES_ENABLED", "true")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
