"""Audit trail: every tracked model gets Postgres triggers (django-pghistory), so bulk updates are covered.

Use ``@tracked()`` on every model whose changes matter (who, when, before, after). The acting user comes from
``pghistory.middleware.HistoryMiddleware`` for requests and from ``pghistory.context(user=...)`` elsewhere.
"""

import pghistory


def tracked(**kwargs):
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        **kwargs,
    )


def as_actor(user, **extra):
    """Context manager attributing the events written inside it to ``user`` (for commands and tasks)."""
    data = {"user": getattr(user, "pk", user)}
    data.update(extra)
    return pghistory.context(**data)


def as_person(person, **extra):
    """:func:`as_actor` for a person record (``settings.PORTAL_PERSON_MODEL``): the events carry both the login
    (``person.user_id``) and the person, so the audit page can name who acted even after the login is gone."""
    return as_actor(person.user_id, pegawai=person.pk, **extra)
