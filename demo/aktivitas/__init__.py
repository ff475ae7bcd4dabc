"""Months of demo daily activities (``seed``): holidays (``libur``), the kinds of work per RHK (``kerja``) and the
plan of each day (``rencana``)."""
