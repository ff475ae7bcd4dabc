"""The notification pages: one's own notifications (reminders, escalations), read on opening.

Only the owner ever sees a notification: the list is filtered on ``request.user`` and there is no page per
notification, so there is nothing to reach by guessing an id.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ..models import Notifikasi
from ..notifikasi import notifikasi_belum_dibaca, notifikasi_tandai_dibaca
from ..pagination import paginate

PER_HALAMAN = 25


@login_required
def notifikasi_list(request):
    """Newest first. The notifications shown are marked read by showing them (they keep a "baru" badge on this
    visit); unread ones on other pages stay unread until opened or "tandai semua dibaca"."""
    qs = Notifikasi.objects.filter(user=request.user).order_by("-dibuat", "-pk")
    page = paginate(request, qs, PER_HALAMAN)
    notifikasi = list(page.object_list)
    for n in notifikasi:
        n.baru = n.dibaca is None
    notifikasi_tandai_dibaca(user=request.user, ids=[n.pk for n in notifikasi if n.baru])
    return render(
        request,
        "portal/notifikasi_list.html",
        {"page_obj": page, "notifikasi": notifikasi, "sisa_belum_dibaca": notifikasi_belum_dibaca(request.user)},
    )


@login_required
@require_POST
def notifikasi_baca_semua(request):
    jumlah = notifikasi_tandai_dibaca(user=request.user)
    if jumlah:
        messages.success(
            request,
            ngettext("%(n)d notifikasi ditandai sudah dibaca.", "%(n)d notifikasi ditandai sudah dibaca.", jumlah)
            % {"n": jumlah},
        )
    else:
        messages.info(request, _("Semua notifikasi sudah dibaca."))
    return redirect("notifikasi_list")
