"""Demo discipline data (``seed``): the attendance of the seeded days with a few pegawai near a threshold
(``kehadiran``), the hukuman disiplin and Satyalancana Karya Satya awarded (``catatan``)."""
