"""The built-in guide: the chapters the apps registered (:mod:`portal.registry`), numbered in order."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from .. import registry


def panduan(request):
    """Open without login: a locked-out or first-time user needs it most."""
    bagian = registry.panduan_daftar_bagian()
    context = {
        # The numbers quoted in the guide come from the running configuration, so the text never contradicts it.
        "batas_gagal": settings.AXES_FAILURE_LIMIT,
        "menit_tunggu_login": round(settings.AXES_COOLOFF_TIME * 60),
        "menit_sesi": settings.SESSION_COOKIE_AGE // 60,
    }
    for provider in registry.panduan_daftar_konteks():
        context.update(provider())
    context.update(
        daftar_bagian=[(nomor, b) for nomor, b in enumerate(bagian, start=1)],
        # A chapter refers to another by number: {{ bagian.kata_sandi }} (hyphens of an id become underscores).
        bagian={b.id.replace("-", "_"): nomor for nomor, b in enumerate(bagian, start=1)},
        isi=registry.panduan_daftar_isi(),
    )
    return render(request, "portal/panduan.html", context)
