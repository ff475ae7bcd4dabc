"""The hash of a temporary password: PBKDF2 with far fewer rounds than Django's default.

Key stretching (Django's 1,000,000 PBKDF2 rounds, ~0.5 s a hash) protects passwords people choose, which are
guessable. A temporary password is 12 letters and digits drawn at random from 31 (about 59 bits): guessing it
offline is out of reach even at 10,000 rounds, while issuing the first passwords of an OPD of 2,000 pegawai at once
(:func:`pegawai.services.akun_massal.akun_terbitkan_sandi_sementara`) takes seconds instead of a quarter of an
hour. The hash lives only until the first login: Django rehashes a password whose hasher is not the preferred one
when it is checked, and the pegawai must replace it at once anyway (``harus_ganti_sandi``).
"""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password


class SandiSementaraHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sementara"
    iterations = 10_000


def hash_sandi_sementara(sandi: str) -> str:
    """The stored form of a temporary password; Django's default hasher when settings do not list the light one
    (the test settings list only a fast hasher), since a hash whose hasher is not listed could never be checked."""
    try:
        hasher = get_hasher(SandiSementaraHasher.algorithm)
    except ValueError:
        hasher = get_hasher("default")
    return make_password(sandi, hasher=hasher)
