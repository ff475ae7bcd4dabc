"""The demo city's organisation and people: plan (``rencana``), its tables (``daftar_*``, ``struktur``, ``orang``) and
writing it (``tulis``)."""
