"""Small template filters for the portal pages."""

import datetime

from django import template

register = template.Library()


@register.filter
def menit(value) -> int:
    """Whole minutes in a timedelta (rounded up), for "coba lagi dalam 30 menit"."""
    if not isinstance(value, datetime.timedelta):
        return 0
    seconds = int(value.total_seconds())
    return max(0, -(-seconds // 60))
