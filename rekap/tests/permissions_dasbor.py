"""Permission-matrix rows of rekap (dasbor). None: the dashboards are blocks of the landing page (``dashboard``,
in portal's rows), each chosen per login by :mod:`rekap.portal_hooks`, and their links open R2's tables, whose rows
are in :mod:`rekap.tests.permissions_ekspor`."""

ROWS = []
