"""The demo logins: one account per role, all with :data:`DEMO_PASSWORD`, read back from the database
(``manage.py demo_logins``, printed by ``make run``)."""

from __future__ import annotations

import os

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, check_password
from django.utils import timezone

from pegawai.choices import JenisJabatan, JenisPenugasan, JenisPeran
from pegawai.models import Penugasan, User

#: The password of every demo login (printed by ``make run``). Only these few accounts get it.
DEMO_PASSWORD = "mangbagja-demo"
# `make run` passes the address it serves on (HOST/PORT, mangbagja/devrun.py).
DEMO_URL = os.environ.get("DEMO_URL") or "http://127.0.0.1:8000/"

PERAN_URUTAN = (
    "Pegawai",
    "Atasan langsung",
    "Atasan dari atasan",
    "Kepala OPD",
    "Plt",
    "Plh",
    "Admin OPD",
    "Admin BKPSDM",
    "Pimpinan",
    "Lainnya",
)


def _opd_label(opd) -> str:
    return opd.singkatan or opd.nama


def demo_logins(known_hash: str | None = None) -> list[dict]:
    """Every active login whose password is :data:`DEMO_PASSWORD`, with the role it demonstrates, ordered by
    role. Reads only the database, so it works in another process after ``seed_demo``; ``known_hash`` (from
    :class:`demo.kota.tulis.Seeded`) saves checking that hash once more.

    The role is read from the data, not remembered from the seed: a stored Peran, then a Plt/Plh in force,
    then the position (the top of its OPD, an administrator, a pengawas, else a staff member)."""
    candidates = list(
        User.objects.filter(is_active=True)
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exclude(password="")
        .values_list("pk", "password")
    )
    hashes = {password for _pk, password in candidates}
    # One PBKDF2 check per distinct hash: the seeded logins share one, so this is one check, not one per user.
    demo = {h for h in sorted(hashes) if h == known_hash or check_password(DEMO_PASSWORD, h)}
    ids = [pk for pk, password in candidates if password in demo]
    users = (
        User.objects.filter(pk__in=ids)
        .select_related("pegawai__jabatan__unit_kerja__perangkat_daerah", "pegawai__jabatan__parent__unit_kerja")
        .prefetch_related("peran__perangkat_daerah")
    )
    today = timezone.localdate()
    rows = []
    for user in users:
        peran = list(user.peran.all())
        pegawai = getattr(user, "pegawai", None)
        kota = [p for p in peran if p.jenis == JenisPeran.PIMPINAN and p.perangkat_daerah_id is None]
        if pegawai is None:
            if any(p.jenis == JenisPeran.ADMIN_BKPSDM for p in peran):
                role, ket = "Admin BKPSDM", "seluruh perangkat daerah; juga halaman /admin/"
            elif admin := [p for p in peran if p.jenis == JenisPeran.ADMIN_OPD]:
                role, ket = "Admin OPD", ", ".join(p.perangkat_daerah.nama for p in admin)
            elif kota:
                role, ket = "Pimpinan", "dasbor seluruh kota"
            else:
                role, ket = "Lainnya", "akun tanpa data pegawai dan tanpa peran"
            nama = f"{user.first_name} {user.last_name}".strip() or user.username
        else:
            jabatan = pegawai.jabatan
            opd = _opd_label(jabatan.unit_kerja.perangkat_daerah)
            tugas = list(Penugasan.objects.berlaku(today).filter(pegawai=pegawai).select_related("jabatan"))
            nama = pegawai.nama_lengkap
            if kota:
                role, ket = "Pimpinan", f"{jabatan.nama}; dasbor seluruh kota"
            elif tugas:
                role = "Plh" if tugas[0].jenis == JenisPenugasan.PLH else "Plt"
                ket = f"{jabatan.nama}; {role} {tugas[0].jabatan.nama} ({opd})"
            elif jabatan.parent_id is None or (
                # The head of an OPD reports to the Sekda, whose position is in another OPD.
                jabatan.parent.unit_kerja.perangkat_daerah_id != jabatan.unit_kerja.perangkat_daerah_id
            ):
                role, ket = "Kepala OPD", f"{jabatan.nama}; dasbor {opd}"
            elif jabatan.jenis == JenisJabatan.ADMINISTRATOR:
                role, ket = "Atasan dari atasan", f"{jabatan.nama} ({opd})"
            elif jabatan.jenis in (JenisJabatan.PENGAWAS, JenisJabatan.JPT):
                role, ket = "Atasan langsung", f"{jabatan.nama} ({opd})"
            else:
                role, ket = "Pegawai", f"{jabatan.nama}, {jabatan.unit_kerja.nama} ({opd})"
        rows.append({"peran": role, "username": user.username, "nama": nama, "keterangan": ket})
    rows.sort(key=lambda r: (PERAN_URUTAN.index(r["peran"]), r["username"]))
    return rows


def format_demo_logins(rows: list[dict]) -> str:
    """A plain-text table of :func:`demo_logins` with the password and the address, for the terminal."""
    if not rows:
        return "Belum ada akun demo. Jalankan: python manage.py seed_demo"
    headers = {"peran": "Peran", "username": "Nama pengguna", "nama": "Nama", "keterangan": "Keterangan"}
    widths = {k: max(len(headers[k]), *(len(r[k]) for r in rows)) for k in headers}
    line = "  ".join("-" * widths[k] for k in headers)
    out = [
        "Akun demo",
        "  ".join(headers[k].ljust(widths[k]) for k in headers).rstrip(),
        line,
        *("  ".join(r[k].ljust(widths[k]) for k in headers).rstrip() for r in rows),
        line,
        f"Kata sandi semua akun demo: {DEMO_PASSWORD}",
        f"Buka {DEMO_URL} lalu masuk dengan nama pengguna di atas.",
    ]
    return "\n".join(out)
