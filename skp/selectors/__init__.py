"""Reads of the SKP app, one module per noun: ``skp`` (visibility, the atasan's SKP), ``identitas`` (document
identity blocks, the kepala daerah), ``antrian`` (queues), ``mph`` (Matriks Peran Hasil), ``nominatif`` (daftar
nominatif), ``rhk`` (which RHK apply, successors)."""
