"""Benchmark: the atasan's team sheet of the evaluation (``penilaian:tim``) for an atasan of 50 bawahan, under
gunicorn with 2 workers, against the no-database "hello" view on the same server in the same run.

    .venv/bin/python bench/tim_penilaian.py [--bawahan 50] [--durasi 15] [--koneksi 4]

On a scratch database ``bench_tim_penilaian`` on the server of DATABASE_URL: the fixed test organisation
(pegawai/tests/personas.py) plus ``--bawahan`` pegawai under Kepala Seksi Satu, each with an approved SKP of three
RHK, an evaluation of Triwulan I with a link as evidence on every RHK, most of them rated; the atasan logs in
through the login form; ``wrk`` GETs the team sheet with that session for ``--durasi`` seconds, then
``/bench-hello/`` anonymously for as long. The team sheet must answer 200 every time (errors fail the run).

"ours" and "floor" are seconds per request; the last line ``BENCH tim_penilaian ours=<s> floor=<s> ratio=<x>``
has ratio = ours / floor. The goal is a throughput of at least 0.2× the floor (ratio at most 5).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import PASSWORD, gunicorn, masuk, scratch, wrk, wrk_ada  # noqa: E402

SCRATCH_DB = "bench_tim_penilaian"
LUA = Path(__file__).resolve().with_name("halaman_get.lua")


def siapkan(bawahan: int) -> tuple[str, str, int]:
    """The organisation, the team and its evaluations; returns (atasan NIP, team sheet path, query count)."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kinerja.tests.factories import skp_persona
    from pegawai.models import RiwayatJabatan
    from pegawai.tests.factories import PegawaiFactory
    from pegawai.tests.personas import build_org
    from penilaian.choices import Rating
    from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan
    from penilaian.tests.factories import TAHUN, CapaianFactory, PeriodeFactory, lengkapi_bukti
    from skp.tests.factories import skp_disetujui

    org = build_org()
    skp_persona(org, TAHUN)
    periode = PeriodeFactory()
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=2)
    for i in range(bawahan):
        p = PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Staf Uji {i:03d}")
        RiwayatJabatan.objects.get_or_create(pegawai=p, jabatan=p.jabatan, defaults={"tmt": p.tmt_cpns})
        skp = skp_disetujui(p, tahun=TAHUN, penilai=org.kasi, rhk=[f"Hasil {j} {p.nama}" for j in range(3)])
        e = evaluasi_siapkan(pegawai=p, skp=skp, periode=periode)
        lengkapi_bukti(e)
        if i % 5:
            rating = (Rating.SESUAI, Rating.DI_ATAS, Rating.DI_BAWAH)[i % 3]
            evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=rating, rating_perilaku=Rating.SESUAI)
    org.kasi.user.password = make_password(PASSWORD)
    org.kasi.user.harus_ganti_sandi = False
    org.kasi.user.save()
    path = reverse("penilaian:tim", args=[periode.pk])
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(org.kasi.user)
    with CaptureQueriesContext(connection) as q:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status_code}")
    return org.kasi.user.username, path, len(q)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bawahan", type=int, default=50)
    parser.add_argument("--durasi", type=int, default=15, help="seconds per load run")
    parser.add_argument("--koneksi", type=int, default=4, help="concurrent connections of the load tool")
    args = parser.parse_args()

    if not wrk_ada():
        return 2
    kerja = Path(tempfile.mkdtemp(prefix="bench_tim_"))
    with scratch(SCRATCH_DB) as db:
        from django.db import connection

        nip, path, kueri = siapkan(args.bawahan)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        connection.close()
        with gunicorn(db.url, kerja) as port:
            sessionid, csrf = masuk(port, nip)
            cookie = f"sessionid={sessionid}; csrftoken={csrf}"
            kami = wrk(LUA, port, path, args.durasi, args.koneksi, kerja / "tim.txt", {"BENCH_COOKIE": cookie})
            lantai = wrk(
                LUA, port, "/bench-hello/", args.durasi, args.koneksi, kerja / "hello.txt", {"BENCH_COOKIE": ""}
            )

    print(f"hello (Django view, no database; {args.koneksi} connections): {lantai.ringkas()}")
    print(f"GET {path} (atasan of {args.bawahan}, {kueri} queries): {kami.ringkas()}")
    galat = lantai.galat + kami.galat
    print(f"Throughput ours/floor: {kami.per_detik / lantai.per_detik:.3f} (goal >= 0.2); errors: {galat}")
    ours, floor = kami.detik_per_request, lantai.detik_per_request
    print(f"BENCH tim_penilaian ours={ours:.5f} floor={floor:.5f} ratio={ours / floor:.1f}")
    return 1 if galat else 0


if __name__ == "__main__":
    raise SystemExit(main())
