"""The SKP pages, one module per noun: ``saya``, ``detail``, ``editor`` and its items ``isi``, ``penilai``,
``laporan`` (MPH, daftar nominatif), ``pdf``; ``base`` holds what they share."""
