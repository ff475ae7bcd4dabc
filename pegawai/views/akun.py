"""Account pages: the password change (which clears the "must change" flag) and the admin's temporary passwords,
one pegawai at a time or a whole OPD or import at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal.errors import DomainError, DomainPermissionDenied, add_to_form
from portal.sesi import SesiTidakDapatDiakhiri

from ..akses import butuh_peran, pegawai_managed_by, peran_admin
from ..akun import lepas_wajib_ganti
from ..exports import SandiSementaraExporter
from ..forms import SandiMassalForm
from ..selectors.akun import kelompok_impor, kelompok_opd
from ..services.akun import akun_atur_ulang_sandi, akun_sandi_diganti
from ..services.akun_massal import akun_terbitkan_sandi_sementara


class KeluarView(auth_views.LogoutView):
    """Django's logout; when the session cannot be ended (:class:`portal.sesi.SesiTidakDapatDiakhiri`) the user is
    told so and stays logged in, instead of an error page."""

    def post(self, request, *args, **kwargs):
        try:
            lepas = getattr(request.session, "lepas_salinan", None)  # only the Redis engine keeps a copy
            if lepas is not None:
                lepas()
            return super().post(request, *args, **kwargs)
        except SesiTidakDapatDiakhiri as exc:
            messages.error(request, str(exc))
            return redirect("dashboard")


class GantiSandiView(auth_views.PasswordChangeView):
    """Django's password change, which also clears the "must change" flag."""

    def get_context_data(self, **kwargs):
        # Read before the change is saved: the page after a refused attempt still explains the forced change.
        return super().get_context_data(**kwargs, wajib_ganti=self.request.user.harus_ganti_sandi)

    def form_valid(self, form):
        wajib = form.user.harus_ganti_sandi
        try:
            with transaction.atomic():
                # The flag first: Django keys the session to the user as saved (update_session_auth_hash), and the
                # flag is part of that key (User._get_session_auth_hash).
                akun_sandi_diganti(user=form.user)
                response = super().form_valid(form)
        except SesiTidakDapatDiakhiri as exc:
            # The session's new key could not replace the old one: the password change was rolled back with it.
            form.user.harus_ganti_sandi = wajib
            form.add_error(None, _("Kata sandi belum diganti. %(alasan)s") % {"alasan": exc})
            return self.form_invalid(form)
        lepas_wajib_ganti(self.request)
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


@never_cache
@butuh_peran(peran_admin)
@require_http_methods(["GET", "POST"])
def sandi_massal(request):
    """First-login passwords for an OPD or an import (admin OPD: their OPDs; BKPSDM: all). The list comes back in
    the response to the POST — a printable page or an XLSX — and nowhere else: it is never stored, and the page
    is not cached, so it cannot be opened again."""
    form = SandiMassalForm(
        request.POST or None,
        initial={"kelompok": request.GET.get("kelompok", "")},
        opd=kelompok_opd(request.user),
        impor=kelompok_impor(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kelompok = form.kelompok[data["kelompok"]]
        try:
            daftar = akun_terbitkan_sandi_sementara(
                actor=request.user,
                kelompok=kelompok.nilai,
                label=kelompok.label,
                termasuk_bersandi=data["termasuk_bersandi"],
                request=request,
            )
        except DomainPermissionDenied:
            raise
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            if data["bentuk"] == "xlsx":
                berkas = SandiSementaraExporter(daftar).render("xlsx")
                response = HttpResponse(berkas.content, content_type=berkas.mimetype)
                response["Content-Disposition"] = f'attachment; filename="{berkas.filename}"'
                return response
            return render(
                request,
                "pegawai/sandi_massal_hasil.html",
                {"daftar": daftar, "kelompok": kelompok, "dicetak": timezone.localtime()},
            )
    jumlah = {nilai: {"tanpa": k.tanpa_sandi, "total": k.total} for nilai, k in form.kelompok.items()}
    return render(request, "pegawai/sandi_massal.html", {"form": form, "jumlah": jumlah})
