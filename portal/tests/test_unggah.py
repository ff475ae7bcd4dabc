"""The size limit of a request body (portal.unggah, UNGGAH_MAKS_MB): an oversized upload is refused with the portal's
own 413 page before a byte of it is read, a body without a declared length is never read, and a normal upload
still works. Also the 400 page for an upload Django cannot parse (a 1,000-character file name)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
CSV = "nip,nama,jabatan,jenis_jabatan,unit_kerja,perangkat_daerah\n"


class TakTerbaca:
    """A ``wsgi.input`` that fails the test when anything reads the body."""

    def read(self, *args):
        raise AssertionError("the request body must not be read")

    readline = read


def _kosong_multipart(client, path, **extra):
    return client.generic(
        "POST", path, b"", CONTENT_TYPE="multipart/form-data; boundary=batas", **{"wsgi.input": TakTerbaca()}, **extra
    )


@pytest.mark.django_db
def test_a_body_declared_over_the_limit_is_refused_before_it_is_read(org, settings):
    client = Client(raise_request_exception=False)
    client.force_login(org.admin_bkpsdm)
    response = _kosong_multipart(client, reverse("pegawai_impor"), CONTENT_LENGTH=str(200 * MB))
    assert response.status_code == 413
    teks = response.content.decode()
    assert f"paling besar {settings.UNGGAH_MAKS_MB} MB" in teks and "Request Entity Too Large" not in teks


@pytest.mark.django_db
def test_a_body_without_a_declared_length_is_never_read(org):
    """Chunked: Django reads at most CONTENT_LENGTH bytes, none when it is missing; the form sees no file."""
    client = Client(raise_request_exception=False)
    client.force_login(org.admin_bkpsdm)
    response = _kosong_multipart(client, reverse("pegawai_impor"), HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 200 and not response.context["form"].is_bound


@pytest.mark.django_db
def test_an_upload_within_the_limit_still_works(org, settings):
    settings.UNGGAH_MAKS_MB = 1
    client = Client(raise_request_exception=False)
    client.force_login(org.admin_bkpsdm)
    url = reverse("pegawai_impor")

    def unggah(isi: bytes):
        return client.post(url, {"berkas": SimpleUploadedFile("pegawai.csv", isi)})

    # Blank rows as padding: the file is read and previewed (the import reports no data rows).
    response = unggah((CSV + ",,,,,\n" * (MB // 2 // 6)).encode())
    assert response.status_code == 200 and response.context["result"] is not None
    assert unggah((CSV + ",,,,,\n" * (MB // 6)).encode()).status_code == 413


@pytest.mark.django_db
def test_a_file_name_django_cannot_parse_gets_the_portals_400_page(org):
    """A part header over Django's 1,024-byte limit: refused while the CSRF check reads the form, with the portal's
    Indonesian page (a test-client upload cannot carry such a name: it shortens names to 255 characters)."""
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.force_login(org.admin_bkpsdm)
    url = reverse("pegawai_impor")
    client.get(url)
    token = client.cookies["csrftoken"].value
    body = (
        f'--b\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        f'--b\r\nContent-Disposition: form-data; name="berkas"; filename="{"a" * 1000}.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{CSV}\r\n--b--\r\n"
    ).encode()
    response = client.generic("POST", url, body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 400
    teks = response.content.decode()
    assert "Permintaan tidak dapat diproses" in teks and "Bad Request" not in teks


# --- through gunicorn ----------------------------------------------------------------------------------------------


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sambung(port: int) -> socket.socket:
    deadline = time.monotonic() + 60
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=10)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _jawaban(sock: socket.socket) -> bytes:
    """The whole response (gunicorn's sync worker closes the connection after it)."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


@pytest.fixture
def gunicorn():
    port = _port_bebas()
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(DEBUG="true", LOG_LEVEL="ERROR", AXES_VERBOSE="false")
    command = [str(Path(sys.executable).with_name("gunicorn")), "mangbagja.wsgi", "--bind", f"127.0.0.1:{port}"]
    proses = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield port
    finally:
        proses.terminate()
        proses.wait(timeout=30)


def test_gunicorn_answers_an_oversized_or_endless_upload_without_waiting_for_its_body(gunicorn):
    """Only the headers are sent: a server that read the body would wait for it until the socket timed out."""
    kepala = (
        "POST /pegawai/impor/ HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\n{panjang}\r\n"
    )
    with _sambung(gunicorn) as sock:
        sock.sendall(kepala.format(panjang=f"Content-Length: {200 * MB}\r\n").encode())
        jawaban = _jawaban(sock)
    assert jawaban.startswith(b"HTTP/1.1 413 ")
    assert "Unggahan terlalu besar" in jawaban.decode()

    # Chunked, one chunk sent and no end: the portal answers (the CSRF check finds no token in an unread body).
    with _sambung(gunicorn) as sock:
        sock.sendall(kepala.format(panjang="Transfer-Encoding: chunked\r\n").encode() + b"10000\r\n" + b"x" * 65536)
        jawaban = _jawaban(sock)
    assert jawaban.startswith(b"HTTP/1.1 403 ")
