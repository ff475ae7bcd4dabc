"""The production settings (``DEBUG=false`` from the environment), with the collected static files in a scratch
directory of the benchmark instead of ``var/static``: the pages render ``{% static %}`` through the manifest
storage exactly as in production, without touching the project's own static root."""

import os
from pathlib import Path

from mangbagja.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
