"""The user journeys of ``bench/puncak.py`` as Locust classes (run by it: ``locust -f bench/locust/perjalanan.py``).

Environment (written by bench/puncak.py):
    PUNCAK_PEGAWAI   file with one "<nip> <rhk id>" line per pegawai
    PUNCAK_ATASAN    file with one "<nip>" line per atasan
    PUNCAK_PASSWORD  their password
    PUNCAK_TANGGAL   today (YYYY-MM-DD)
    PUNCAK_IDS       file this process appends the id of every activity answered 2xx to
    PUNCAK_SLOT_AWAL first two-minute slot of the day this run uses
    PUNCAK_JEDA      factor on every pause a person makes (1: a person's pace, the default; 0: none at all)
    PUNCAK_BERGANTI  "1": every round logs in as the next pegawai or atasan of the files

Every pegawai logs in once and lands on the landing page, then repeats: open today's page, add three activities
with a link as evidence, open the progress page. Every atasan logs in once (the same landing page), then repeats:
open the verification queue, approve the first page of it at once. Step names are what the CSV lists (p50/p95 per
step); an emptied queue is its own step, "antrean (kosong)".

The pauses are a person's: reading a page takes seconds, typing an activity's description, its times and pasting
the link takes half a minute or so (:data:`JEDA`). Without them 200 pegawai would file an activity every 0.4 s
each — 90,000 in five minutes, more than the whole city of 20,000 files in a working day — which measures how
much the server can take (``--jeda 0``), not a peak of 200 people.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import secrets
import threading

import gevent
from locust import HttpUser, events, task

_KUNCI = threading.Lock()
_PEGAWAI = [baris.split() for baris in open(os.environ["PUNCAK_PEGAWAI"]).read().splitlines() if baris.strip()]
_ATASAN = [baris.strip() for baris in open(os.environ["PUNCAK_ATASAN"]).read().splitlines() if baris.strip()]
_GILIRAN_PEGAWAI = itertools.count()
_GILIRAN_ATASAN = itertools.count()
_PILIH = re.compile(r'name="pilih" value="(\d+)"')
_IDS: list[str] = []
_FAKTOR_JEDA = float(os.environ.get("PUNCAK_JEDA", "1"))
# One user standing for many, one after another: each round logs in as the next pegawai or atasan (the single-user
# baseline: every step timed often, on days and queues like the crowd's, not one pegawai's day piled up).
_BERGANTI = os.environ.get("PUNCAK_BERGANTI") == "1"
#: Seconds (shortest, longest) a person spends before the next request.
JEDA = {
    "membaca": (5, 15),  # reading the landing page, today's page or the progress page
    "mengetik": (20, 60),  # writing one activity: description, times, the link to the evidence
    "memeriksa": (10, 30),  # an atasan reading a page of the queue before approving it
}


def _jeda(jenis: str) -> float:
    pendek, panjang = JEDA[jenis]
    return _FAKTOR_JEDA * random.uniform(pendek, panjang)


def _tunggu(jenis: str) -> None:
    if _FAKTOR_JEDA:
        gevent.sleep(_jeda(jenis))


def _masuk(user: HttpUser, nip: str) -> None:
    """Log in through the form. The production profile marks cookies Secure, which a client on plain http keeps but
    does not send back: the session and CSRF cookies are read from the answer and sent as a header by hand
    (:meth:`_kue`), the CSRF cookie of the first request made up by the client as Django's double submit allows."""
    user.client.get("/masuk/", name="masuk (formulir)")
    user.client.cookies.clear()
    token = secrets.token_hex(16)
    with user.client.post(
        "/masuk/",
        {"username": nip, "password": os.environ["PUNCAK_PASSWORD"], "csrfmiddlewaretoken": token},
        headers={"Cookie": f"csrftoken={token}"},
        name="masuk (kirim)",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        sesi = response.cookies.get("sessionid")
        if response.status_code != 302 or not sesi:
            response.failure(f"login {nip}: HTTP {response.status_code}")
        user.csrf = response.cookies.get("csrftoken") or token
        user.kue = f"sessionid={sesi}; csrftoken={user.csrf}"
    user.client.cookies.clear()
    # Where the login form sends everyone: the landing page with each role's blocks.
    user.client.get("/", headers=_kepala(user), name="beranda (setelah masuk)")
    _tunggu("membaca")


def _kepala(user: HttpUser, **lain) -> dict:
    return {"Cookie": user.kue, **lain}


class Pegawai(HttpUser):
    weight = 10

    def wait_time(self):
        return _jeda("membaca")  # the progress page, before opening today's page again

    def on_start(self):
        self._masuk_berikutnya()

    def _masuk_berikutnya(self):
        with _KUNCI:
            i = next(_GILIRAN_PEGAWAI)
        self.nip, self.rhk = _PEGAWAI[i % len(_PEGAWAI)]
        self.indeks = i
        # The single-user runs take slots from 600, the peak from 0: the same pegawai never overlaps itself.
        self.slot = self.slot_awal = int(os.environ.get("PUNCAK_SLOT_AWAL", "0")) + 3 * (i // len(_PEGAWAI))
        _masuk(self, self.nip)

    @task
    def sehari(self):
        if _BERGANTI and self.slot != self.slot_awal:
            self._masuk_berikutnya()
        self.client.get("/kinerja/", headers=_kepala(self), name="harian (buka)")
        for _ in range(3):
            _tunggu("mengetik")
            # A two-minute slot of its own (00:00–23:58) so no entry overlaps another of the same pegawai.
            menit = (self.slot % 720) * 2
            self.slot += 1
            penanda = f"Uji puncak {self.indeks}-{self.slot}"
            with self.client.post(
                "/kinerja/aktivitas/tambah/",
                {
                    "csrfmiddlewaretoken": self.csrf,
                    "tanggal": os.environ["PUNCAK_TANGGAL"],
                    "pilihan": f"rhk-{self.rhk}",
                    "uraian": f"{penanda}: menyusun bahan laporan kegiatan",
                    "jam_mulai": f"{menit // 60:02d}:{menit % 60:02d}",
                    "jam_selesai": f"{(menit + 2) // 60 % 24:02d}:{(menit + 2) % 60:02d}",
                    "volume": "1",
                    "satuan": "dokumen",
                    "tautan": "https://drive.example.go.id/bukti/laporan.pdf",
                },
                headers=_kepala(self, **{"HX-Request": "true", "X-CSRFToken": self.csrf}),
                name="aktivitas (tambah)",
                catch_response=True,
            ) as response:
                if response.status_code == 200:
                    with _KUNCI:
                        _IDS.append(penanda)
                else:
                    response.failure(f"HTTP {response.status_code}")
        _tunggu("membaca")
        self.client.get("/kinerja/progres/", headers=_kepala(self), name="progres (buka)")


class Atasan(HttpUser):
    weight = 1

    def wait_time(self):
        return _jeda("membaca")  # the answer to the approval, before opening the queue again

    def on_start(self):
        self._masuk_berikutnya()
        self.pertama = True

    def _masuk_berikutnya(self):
        with _KUNCI:
            i = next(_GILIRAN_ATASAN)
        _masuk(self, _ATASAN[i % len(_ATASAN)])

    @task
    def verifikasi(self):
        if _BERGANTI and not self.pertama:
            self._masuk_berikutnya()
        self.pertama = False
        with self.client.get(
            "/kinerja/verifikasi/", headers=_kepala(self), name="antrean (buka)", catch_response=True
        ) as response:
            ids = _PILIH.findall(response.text or "")
            if not ids:
                # Everything verified: a different, lighter page, counted apart from a page of 50 rows.
                response.request_meta["name"] = "antrean (kosong)"
        if not ids:
            return
        _tunggu("memeriksa")
        self.client.post(
            "/kinerja/verifikasi/setujui/",
            {"csrfmiddlewaretoken": self.csrf, "pilih": ids},
            headers=_kepala(
                self, **{"HX-Request": "true", "X-CSRFToken": self.csrf, "HX-Current-URL": "/kinerja/verifikasi/"}
            ),
            name="antrean (setujui sehalaman)",
        )


@events.test_stop.add_listener
def _simpan_ids(environment, **_kwargs):
    with open(os.environ["PUNCAK_IDS"], "a") as berkas:
        berkas.writelines(f"{penanda}\n" for penanda in _IDS)
