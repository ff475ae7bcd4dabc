"""Moved to :mod:`portal.audit`."""

# SHIM(issue7): remove when callers move
from portal.audit import as_actor, tracked  # noqa: F401
