"""The landing page: the blocks the apps registered (:mod:`portal.registry`), each for the logins it concerns."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string

from .. import registry


@login_required
def dashboard(request):
    panels, sapaan, skrip = [], None, []
    for panel in registry.beranda_panels():
        context = panel.context(request)
        if context is None:
            continue
        sapaan = sapaan or context.get("sapaan")
        skrip.extend(s for s in context.get("skrip", ()) if s not in skrip)
        panels.append(render_to_string(panel.template, context, request=request))
    return render(request, "portal/dashboard.html", {"panels": panels, "sapaan": sapaan, "skrip": skrip})
