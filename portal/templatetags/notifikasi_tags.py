"""The unread-notification count for the navbar bell.

    {% load notifikasi_tags %}
    {% notifikasi_belum_dibaca as n %}          → an int, capped at 100 (show "99+" above 99)
    {% include "portal/_notifikasi_lonceng.html" %}   → the bell as a navbar ``<li>``, badge included

One indexed query per request (the result is kept on the request, so a page may ask twice).
"""

from django import template

from portal.notifikasi import notifikasi_belum_dibaca as _hitung

register = template.Library()


@register.simple_tag(takes_context=True)
def notifikasi_belum_dibaca(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if request is None:
        return _hitung(user)
    if not hasattr(request, "_notifikasi_belum_dibaca"):
        request._notifikasi_belum_dibaca = _hitung(user)
    return request._notifikasi_belum_dibaca
