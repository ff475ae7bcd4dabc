"""An answer remembered for the rest of one request: the landing page's blocks come from several apps, and a page
and its widgets often ask the same question of the same person (an atasan's SKP queue, their verification summary,
whom they supervised over a window) — each answer costs several queries at city size, some dozens.

:class:`IngatMiddleware` opens an empty memo for each request and drops it at the end, so nothing outlives the
request or is shared between users; outside a request (a Celery task, a management command, a test calling a
selector directly) :func:`ingat` simply computes. Any model write during the request (``post_save`` /
``post_delete``) empties the memo, so an answer read before a change is never reused after it. Writes that send no
signal (``QuerySet.update``, ``bulk_create``) do not: what is remembered must not be something those change within
the same request."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from contextvars import ContextVar
from typing import TypeVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

_MEMO: ContextVar[dict | None] = ContextVar("portal_ingat", default=None)


def ingat(kunci: Hashable, hitung: Callable[[], T]) -> T:
    """``hitung()`` the first time ``kunci`` is asked during the current request, the same answer afterwards.
    The key names the question and every argument of it; the answer should be immutable (a tuple, a frozenset) or
    treated as such by every caller."""
    memo = _MEMO.get()
    if memo is None:
        return hitung()
    if kunci not in memo:
        memo[kunci] = hitung()
    return memo[kunci]


def ingat_banyak(kunci: Iterable[K], hitung: Callable[[list[K]], dict[K, T]]) -> dict[K, T]:
    """:func:`ingat` for one question asked of many arguments at once: the keys answered earlier in the request come
    from the memo, the others are computed together by ``hitung(sisa)`` — which answers every key it is given — and
    remembered one by one, so a later :func:`ingat` of one of them finds it."""
    kunci = list(dict.fromkeys(kunci))
    memo = _MEMO.get()
    if memo is None:
        return hitung(kunci)
    sisa = [k for k in kunci if k not in memo]
    if sisa:
        memo.update(hitung(sisa))
    return {k: memo[k] for k in kunci}


def teringat(awalan: tuple) -> list[tuple[tuple, object]]:
    """The questions answered so far in this request whose key is a tuple beginning with ``awalan``, with their
    answers: for a question that can be cut out of a wider one already asked (a window inside a remembered window).
    Outside a request: none."""
    memo = _MEMO.get()
    if not memo:
        return []
    n = len(awalan)
    return [(k, v) for k, v in memo.items() if isinstance(k, tuple) and k[:n] == awalan]


def sekali(fungsi: Callable[..., T], *args: Hashable) -> T:
    """``fungsi(*args)`` once per request: the question is named by the function and its arguments (model instances
    compare by their primary key), so two apps asking the same thing share the answer without agreeing on a key."""
    return ingat((fungsi, *args), lambda: fungsi(*args))


@receiver(post_save, dispatch_uid="portal.ingat.lupakan_simpan")
@receiver(post_delete, dispatch_uid="portal.ingat.lupakan_hapus")
def lupakan(**kwargs) -> None:
    """Forget every answer of the current request (a write may have changed any of them)."""
    memo = _MEMO.get()
    if memo:
        memo.clear()


class IngatMiddleware:
    """Opens the request's memo for :func:`ingat`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _MEMO.set({})
        try:
            return self.get_response(request)
        finally:
            _MEMO.reset(token)
