"""The clock of the kinerja app. Entry windows and month locks depend on *today*; every service and selector
asks here, so a test can pin the date (``monkeypatch.setattr(waktu, "hari_ini", ...)``) and walk a calendar
with known weekends and holidays instead of depending on the day it runs."""

import datetime

from django.utils import timezone


def hari_ini() -> datetime.date:
    """Today in the instansi's time zone (``TIME_ZONE``, Asia/Jakarta), not UTC: a report entered at 06:30 WIB
    belongs to that day."""
    return timezone.localdate()


def sekarang() -> datetime.datetime:
    return timezone.now()
