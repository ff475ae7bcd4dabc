"""A year of demo SKP, cascaded top-down from the Sekda (``seed``), planned over the organisation in memory
(``organisasi``, ``rencana``) with the texts of ``teks``."""
