"""Import of pegawai from XLSX or CSV; the entry point is :func:`pegawai.impor.layanan.import_pegawai`."""
