"""Every write of the kinerja app (CONVENTIONS.md, services), one module per noun: ``aktivitas`` (the pegawai's
entries), ``verifikasi`` (the atasan's decisions), ``bukti`` (evidence), ``kelola`` (the admins' calendar,
settings and reopenings)."""
