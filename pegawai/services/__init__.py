"""Every write of the pegawai app, one module per noun: ``organisasi`` (OPD, units, positions), ``pegawai``,
``akun`` (logins, passwords, roles), ``penugasan`` (Plt/Plh); ``base`` holds what they share."""
