"""Pages of the daily activity reports (docs/ATURAN.md), one module per noun: ``harian`` (the pegawai's day and
month), ``aktivitas`` (one activity: change, delete, submit, detail), ``bukti`` (evidence), ``verifikasi`` (the
atasan's queue), ``progres``, ``realisasi`` (the realisasi a pegawai states for an IKI that is not a sum),
``kelola`` (the admins' calendar, settings and reopenings).

Access rules (the same as the other apps, CONVENTIONS.md "Who may see what"):
- anonymous → login page; a page for a role the login lacks, or an object outside the user's reach → 404;
- activities are read through :func:`kinerja.selectors.aktivitas.aktivitas_visible_to` (evidence through
  ``bukti_visible_to``); the pegawai's own pages change only their own activities, the atasan's actions only
  those they verify on the activity's date, else 404;
- every POST calls a service; an :class:`~kinerja.errors.AktivitasError` is put on the form with
  :func:`portal.errors.add_to_form` (or shown as the fragment's message), the answer is 422 and nothing changed.

Every page works without JavaScript (plain forms and redirects); with htmx (``request.htmx``) the same forms post
in the background and only the changed fragments are swapped: a new activity appears in the day's list, an
approved one leaves the queue, without reloading the page.
"""
