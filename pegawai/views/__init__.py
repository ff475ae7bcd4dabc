"""Pages of the pegawai app, one module per noun.

Access rules, the same for every view (CONVENTIONS.md, "Who may see what"):
- anonymous → redirect to the login page (``login_required``);
- logged in but outside the view's role, or asking for an object outside their reach → 404, never 403, so the
  existence of a NIP or an OPD is not revealed. Objects are always fetched through a scoped selector
  (:mod:`pegawai.akses`).
"""
