"""Every write of the SKP app, one module per noun: ``skp`` (start, submit, approve, return), ``isi`` (RHK, IKI,
lampiran, ekspektasi), ``versi`` (perubahan SKP, copy of last year), ``kepala_daerah`` (decisions a.n. the kepala
daerah), ``perilaku`` (the BerAKHLAK wording); ``kelengkapan`` (what blocks submission) and ``base`` hold what
they share."""
