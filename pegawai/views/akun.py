"""Account pages: the password change (which clears the "must change" flag) and the admin's temporary password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.errors import DomainError, DomainPermissionDenied

from ..akses import pegawai_managed_by
from ..services.akun import akun_atur_ulang_sandi, akun_sandi_diganti


class GantiSandiView(auth_views.PasswordChangeView):
    """Django's password change, which also clears the "must change" flag."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            akun_sandi_diganti(user=form.user)
        return response


@never_cache
@login_required
@require_POST
def atur_ulang_sandi_view(request, nip: str):
    """Admin scope only (404 otherwise). Shows the temporary password once; it is never stored in clear."""
    pegawai = get_object_or_404(pegawai_managed_by(request.user), nip=nip)
    try:
        sandi = akun_atur_ulang_sandi(actor=request.user, pegawai=pegawai)
    except DomainPermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("pegawai_detail", nip=pegawai.nip)
    return render(request, "pegawai/sandi_sementara.html", {"pegawai": pegawai, "sandi": sandi})
