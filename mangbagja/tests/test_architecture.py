"""The shape of the codebase, enforced (docs/ARSITEKTUR.md): layered apps and modules of one noun each."""

import configparser
import subprocess
import sys
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 600


def _contract() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return config


#: The packages import-linter reads: the project's apps and ``mangbagja``.
APPS = tuple(_contract()["importlinter"]["root_packages"].split())


def test_every_project_app_is_in_the_layer_contract():
    """A new app must take its place in the layers (.importlinter), or the contract would not look at it."""
    layers = {
        name.strip()
        for line in _contract()["importlinter:contract:layers"]["layers"].split()
        for name in line.split("|")
        if name.strip()
    }
    project_apps = {c.name for c in apps.get_app_configs() if Path(c.path).resolve().parent == ROOT}
    assert project_apps <= set(APPS)
    assert set(APPS) <= layers


def test_it_keeps_the_layers():
    """`lint-imports` with the contract in .importlinter: a lower app never imports a higher one, not even
    inside a function."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _hand_written_modules():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts:
                continue
            yield path


def test_it_keeps_every_module_to_one_noun():
    """A module past ~600 lines holds more than one noun: split it by noun (views/, services/, selectors/)."""
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in _hand_written_modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
