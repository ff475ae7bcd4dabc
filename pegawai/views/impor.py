"""Portal page for the import of pegawai: upload → dry-run preview → confirm (admin OPD and admin BKPSDM).

Between the preview and the confirmation the upload waits in MEDIA_ROOT/impor/ under a random name that only
the session knows; the confirm form carries the same token so that a stale tab (a second upload in another
tab) cannot confirm a file its user has not previewed.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ..akses import opd_dikelola, peran_of
from ..forms import ImporPegawaiForm
from ..impor.berkas import COLUMNS, REQUIRED_COLUMNS, ImportFileError, read_dataset
from ..impor.layanan import import_pegawai

SESSION_KEY = "impor_pegawai"
#: Uploads left behind by abandoned previews are removed after this many seconds.
UPLOAD_TTL = 24 * 60 * 60
#: The preview lists at most this many rows and errors; the counts always cover the whole file.
PREVIEW_LIMIT = 1000
_TOKEN_RE = re.compile(r"[0-9a-f]{32}")


def _scope(user) -> set[int] | None:
    """The OPD ids the login may import into (None: all); 404 for anyone who is not an admin."""
    if not peran_of(user).admin:
        raise Http404
    return opd_dikelola(user)


def _upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "impor"


def _upload_path(token: str) -> Path | None:
    if not isinstance(token, str) or not _TOKEN_RE.fullmatch(token):
        return None
    return _upload_dir() / f"{token}.upload"


def _sweep_old_uploads() -> None:
    cutoff = time.time() - UPLOAD_TTL
    try:
        entries = list(os.scandir(_upload_dir()))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.endswith(".upload") and entry.stat().st_mtime < cutoff:
            Path(entry.path).unlink(missing_ok=True)


def _forget_upload(request) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    path = _upload_path(stored.get("token")) if isinstance(stored, dict) else None
    if path is not None:
        path.unlink(missing_ok=True)


def _keep_upload(request, content: bytes, file_name: str) -> str:
    _forget_upload(request)
    _sweep_old_uploads()
    directory = _upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    # O_EXCL: never follow or reuse an existing path; 0600: personal data, readable by the server only.
    fd = os.open(_upload_path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    request.session[SESSION_KEY] = {"token": token, "nama": file_name[:200]}
    return token


def _render(request, form, result=None, token=None):
    context = {
        "form": form,
        "result": result,
        "token": token,
        "preview_limit": PREVIEW_LIMIT,
        "kolom": [(c, c in REQUIRED_COLUMNS) for c in COLUMNS],
        "max_mb": settings.IMPORT_MAX_UPLOAD_MB,
    }
    if result is not None:
        changed = result.changed_rows
        context.update(
            baris_tampil=changed[:PREVIEW_LIMIT],
            baris_lain=max(len(changed) - PREVIEW_LIMIT, 0),
            galat_tampil=result.errors[:PREVIEW_LIMIT],
            galat_lain=max(len(result.errors) - PREVIEW_LIMIT, 0),
        )
    return render(request, "pegawai/impor.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pegawai_impor(request):
    scope = _scope(request.user)
    if request.method == "POST" and "konfirmasi" in request.POST:
        return _confirm(request, scope)
    if request.method == "POST" and "batal" in request.POST:
        _forget_upload(request)
        messages.info(request, _("Impor dibatalkan; tidak ada data yang disimpan."))
        return redirect("pegawai_impor")

    form = ImporPegawaiForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _render(request, form)

    upload = form.cleaned_data["berkas"]
    result = import_pegawai(
        form.dataset, actor=request.user, dry_run=True, perangkat_daerah_scope=scope, file_name=upload.name
    )
    token = None
    if result.has_errors:
        _forget_upload(request)
    else:
        token = _keep_upload(request, form.content, upload.name)
    return _render(request, ImporPegawaiForm(), result, token)


def _confirm(request, scope):
    stored = request.session.get(SESSION_KEY)
    token = stored.get("token") if isinstance(stored, dict) else None
    path = _upload_path(token) if token else None
    if path is None or request.POST.get("token") != token or not path.exists():
        messages.error(request, _("Pratinjau ini sudah tidak berlaku. Unggah berkasnya lagi."))
        return redirect("pegawai_impor")
    file_name = stored.get("nama", "")
    try:
        dataset = read_dataset(path)
    except ImportFileError as exc:
        _forget_upload(request)
        messages.error(request, str(exc))
        return redirect("pegawai_impor")

    result = import_pegawai(
        dataset,
        actor=request.user,
        dry_run=False,
        perangkat_daerah_scope=scope,
        file_name=file_name,
        request=request,
    )
    _forget_upload(request)
    if result.has_errors:
        # The data changed between preview and confirmation; the service wrote nothing.
        messages.error(request, _("Impor dibatalkan; tidak ada data yang disimpan. Periksa kesalahan di bawah."))
        return _render(request, ImporPegawaiForm(), result)
    messages.success(request, _("Impor selesai. %(ringkasan)s") % {"ringkasan": result.summary()})
    return redirect("pegawai_impor")


#: The example row of the template: a JPT head (no atasan) would do, but a row with an atasan shows the use of
#: every column; the atasan NIP is the example NIP of docs/ATURAN.md.
_CONTOH = {
    "nip": "198709132010032004",
    "nama": "Dr. Ir. Ani Rahmawati, S.T., M.T.",
    "gelar_depan": "",
    "gelar_belakang": "",
    "status": "PNS",
    "golongan": "III/c",
    "jabatan": "Kepala Seksi Pengembangan Aplikasi",
    "jenis_jabatan": "Pengawas",
    "unit_kerja": "Seksi Pengembangan Aplikasi",
    "perangkat_daerah": "Dinas Komunikasi dan Informatika",
    "unit_kerja_mandiri": "",
    "nip_atasan": "196304081992031004",
    "tmt_cpns": "2010-03-01",
    "tmt_jabatan": "2021-01-04",
}

_PETUNJUK = {
    "nip": gettext_lazy("18 angka, tanpa spasi. Format kolom sebagai Teks agar Excel tidak memotongnya."),
    "nama": gettext_lazy("Nama seperti tercetak; gelar boleh ikut ditulis (Drs. H. Cecep Supriatin, M.Si.)."),
    "gelar_depan": gettext_lazy("Boleh kosong; diisi bila gelar tidak ditulis di kolom nama."),
    "gelar_belakang": gettext_lazy("Boleh kosong; diisi bila gelar tidak ditulis di kolom nama."),
    "status": gettext_lazy("PNS, CPNS, atau PPPK. Kosong: PPPK bila NIP berkode 21, selain itu PNS."),
    "golongan": gettext_lazy("PNS/CPNS: I/a … IV/e. PPPK: angka romawi I … XVII (misalnya IX). Boleh kosong."),
    "jabatan": gettext_lazy("Nama jabatan. Dibuat otomatis bila belum ada di unit kerja tersebut."),
    "jenis_jabatan": gettext_lazy(
        "JPT (boleh JPT Pratama/Madya/Utama), Administrator, Pengawas, Pelaksana, Fungsional."
    ),
    "unit_kerja": gettext_lazy("Nama unit kerja. Dibuat otomatis bila belum ada."),
    "perangkat_daerah": gettext_lazy("Nama perangkat daerah (OPD)."),
    "unit_kerja_mandiri": gettext_lazy(
        "Ya bila unit kerja ini mandiri (kecamatan, UPT, rumah sakit daerah): pimpinannya memakai SKP format JPT. "
        "Hanya admin BKPSDM yang dapat mengubahnya. Kosong: tidak diubah."
    ),
    "nip_atasan": gettext_lazy(
        "NIP atasan langsung: pegawai lain di berkas ini atau yang sudah terdaftar. Boleh kosong."
    ),
    "tmt_cpns": gettext_lazy("Tanggal (2010-03-01 atau 01-03-2010). Kosong: diambil dari NIP."),
    "tmt_jabatan": gettext_lazy(
        "Tanggal mulai memegang jabatan pada baris ini, sesuai SK (antara 1960 dan hari ini). Pegawai baru: kosong "
        "berarti sejak TMT CPNS. Pegawai yang jabatannya berubah: mutasi dicatat per tanggal ini (kosong: hari ini) "
        "dan jabatan lamanya berakhir sehari sebelumnya; harus setelah TMT jabatan sekarang. Jabatannya tidak "
        "berubah: diabaikan. Jabatan pimpinan hanya punya satu pemegang: bila pemegangnya pindah, tulis juga "
        "barisnya dengan tmt_jabatan paling lambat tanggal ini."
    ),
}


@login_required
def pegawai_impor_templat(request):
    _scope(request.user)
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Pegawai")
    sheet.append(list(COLUMNS))
    sheet.append([_CONTOH[c] for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # NIP columns as text: typed into a number cell, Excel keeps only 15 of the 18 digits. The column style
    # covers the rows the user adds; the example row's cells get it explicitly.
    for column in ("nip", "nip_atasan"):
        letter = openpyxl.utils.get_column_letter(COLUMNS.index(column) + 1)
        sheet.column_dimensions[letter].number_format = "@"
        sheet[f"{letter}2"].number_format = "@"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(14, len(_CONTOH[column]) + 2)

    guide = workbook.create_sheet(_("Petunjuk"))
    guide.append([_("kolom"), _("wajib"), _("keterangan")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append([column, _("ya") if column in REQUIRED_COLUMNS else _("tidak"), str(_PETUNJUK[column])])
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["C"].width = 100

    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-pegawai.xlsx"'
    return response
