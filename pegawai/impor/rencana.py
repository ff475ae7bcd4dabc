"""Planning an import (:class:`Perencana`): every row validated against the file and the database, in memory, and
what it will do to each pegawai. Nothing is written until every row is valid (:mod:`pegawai.impor.tulis`).

Pass 1 reads each row on its own (:meth:`Perencana._plan_row`), pass 2 places the atasan
(:mod:`pegawai.impor.atasan`), pass 3 compares each row with the pegawai it updates (:meth:`Perencana._outcomes`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.utils.translation import gettext as _

from portal.unchanged import UNCHANGED

from ..choices import StatusPegawai
from ..models import Pegawai, User
from ..nip import USIA_MINIMUM_PENGANGKATAN, NipError, NipInfo, normalize_nip, parse_nip, usia_pada
from ..penilai import CalonAtasan, atasan_tidak_sah, pesan_atasan_tidak_sah
from .atasan import rencanakan_atasan
from .berkas import COLUMNS, FIRST_DATA_ROW, REQUIRED_COLUMNS, is_blank, normalize_header
from .hasil import NEW, SKIP, UPDATE, Change, ImportResult, RowError, RowOutcome
from .organisasi import JabatanNode, Organisasi, tandai_mandiri
from .sel import (
    STATUS_PEGAWAI,
    CellError,
    cell_text,
    nip_from_cell,
    parse_golongan,
    parse_jenis_jabatan,
    parse_tanggal,
    parse_ya_tidak,
    split_gelar,
)
from .tmt_jabatan import baca_tmt_jabatan, periksa_tmt_jabatan


@dataclass(eq=False)
class RowPlan:
    number: int
    nip: str
    info: NipInfo
    nama: str
    gelar_depan: str
    gelar_belakang: str
    status: str | None
    golongan: str | None
    tmt: datetime.date | None
    jabatan: JabatanNode
    nip_atasan: str
    existing: Pegawai | None
    values: dict[str, str]
    atasan_override: Any = UNCHANGED  # a NIP, None (clear), or UNCHANGED
    updates: dict[str, Any] = field(default_factory=dict)
    #: The optional ``tmt_jabatan`` column: when the position in this row is held from.
    tmt_jabatan: datetime.date | None = None


class Perencana:
    """Plans the import of ``dataset`` into ``result``: its rows, errors and counts. ``scope`` as in
    :func:`pegawai.impor.layanan.import_pegawai`."""

    def __init__(self, dataset: tablib.Dataset, scope: set[int] | None, result: ImportResult):
        self.dataset = dataset
        self.scope = scope
        self.result = result
        self.org = Organisasi(scope)
        self.errors: dict[int, RowError] = {}
        self.rows: list[RowPlan] = []
        self.rows_by_nip: dict[str, RowPlan] = {}
        self.file_nips: dict[str, int] = {}
        self.valid_nips: set[str] = set()
        self.invalid_with_atasan: list[tuple[int, str, dict[str, str]]] = []
        self.existing: dict[str, Pegawai] = {}  # by NIP: the pegawai the file's NIPs (and atasan NIPs) name
        self.users: dict[str, tuple[int, int | None]] = {}  # by username: (user pk, its pegawai pk)

    def error(self, number: int, column: str, message: str, values: dict[str, str] | None = None) -> None:
        error = self.errors.get(number)
        if error is None:
            error = self.errors[number] = RowError(number=number, messages=[], values=values or {})
        error.messages.append((column, message))

    def _preload(self, nips: set[str]) -> None:
        self.org.muat()
        nip_list = sorted(nips)
        for start in range(0, len(nip_list), 5000):
            for peg in Pegawai.objects.filter(nip__in=nip_list[start : start + 5000]).order_by():
                self.existing[peg.nip] = peg
        for start in range(0, len(nip_list), 5000):
            chunk = nip_list[start : start + 5000]
            for username, pk, pegawai_id in User.objects.filter(username__in=chunk).values_list(
                "username", "pk", "pegawai__id"
            ):
                self.users[username] = (pk, pegawai_id)

    # -- pass 1: each row on its own ----------------------------------------------------------------------

    def run(self) -> None:
        headers = [normalize_header(h) for h in (self.dataset.headers or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in headers]
        if missing:
            self.result.file_errors.append(
                _("Kolom wajib tidak ada di baris 1: %(kolom)s. Gunakan templat impor.") % {"kolom": ", ".join(missing)}
            )
            return
        unknown = [h for h in headers if h not in COLUMNS and not h.startswith("_kolom_")]
        if unknown:
            self.result.warnings.append(
                _("Kolom berikut tidak dikenal dan diabaikan: %(kolom)s.") % {"kolom": ", ".join(unknown)}
            )

        positions = [(c, headers.index(c)) for c in COLUMNS if c in headers]
        records: list[tuple[int, dict[str, Any]]] = []
        nips: set[str] = set()
        for index, values in enumerate(self.dataset):
            if all(is_blank(v) for v in values):
                continue
            record = {c: values[i] for c, i in positions}
            records.append((index + FIRST_DATA_ROW, record))
            for column in ("nip", "nip_atasan"):
                value = record.get(column)
                if isinstance(value, str | int):
                    nips.add(normalize_nip(cell_text(value)))
        self.result.total_rows = len(records)
        if not records:
            self.result.file_errors.append(_("Berkas tidak berisi baris data di bawah baris judul."))
            return

        self._preload(nips)
        for number, record in records:
            self._plan_row(number, record)
        rencanakan_atasan(self)
        periksa_tmt_jabatan(self)
        self._periksa_override()
        self._outcomes()
        self.result.errors = [self.errors[n] for n in sorted(self.errors)]

    def _plan_row(self, number: int, record: dict[str, Any]) -> None:
        values = {c: cell_text(v) if not isinstance(v, datetime.date) else v.isoformat() for c, v in record.items()}
        errors: list[tuple[str, str]] = []

        def fail(column: str, message: str) -> None:
            errors.append((column, message))

        for column in REQUIRED_COLUMNS:
            if column != "nip" and not values.get(column):
                fail(column, _("Kolom %(kolom)s wajib diisi.") % {"kolom": column})

        nip, info = "", None
        try:
            nip = nip_from_cell(record.get("nip"), "nip")
            info = parse_nip(nip)
        except (CellError, NipError) as exc:
            fail("nip", str(exc))
        if nip:
            first = self.file_nips.get(nip)
            if first is not None:
                fail("nip", _("NIP %(nip)s sudah ada di baris %(baris)s.") % {"nip": nip, "baris": first})
            else:
                self.file_nips[nip] = number

        gelar_depan = gelar_belakang = nama = ""
        if values.get("nama"):
            gelar_depan, nama, gelar_belakang = split_gelar(values["nama"])
            gelar_depan = values.get("gelar_depan") or gelar_depan
            gelar_belakang = values.get("gelar_belakang") or gelar_belakang
            if not nama:
                fail("nama", _("Kolom nama hanya berisi gelar; tulis juga nama pegawai."))
            for column, value, limit in (
                ("nama", nama, 200),
                ("gelar_depan", gelar_depan, 50),
                ("gelar_belakang", gelar_belakang, 80),
            ):
                if len(value) > limit:
                    fail(
                        column,
                        _("%(kolom)s terlalu panjang (paling banyak %(max)s huruf).") % {"kolom": column, "max": limit},
                    )

        jenis = jenjang = ""
        if values.get("jenis_jabatan"):
            try:
                jenis, jenjang = parse_jenis_jabatan(values["jenis_jabatan"], values.get("jabatan", ""))
            except CellError as exc:
                fail("jenis_jabatan", str(exc))
        for column, limit in (("jabatan", 255), ("unit_kerja", 200), ("perangkat_daerah", 200)):
            if len(values.get(column, "")) > limit:
                fail(
                    column,
                    _("%(kolom)s terlalu panjang (paling banyak %(max)s huruf).") % {"kolom": column, "max": limit},
                )

        mandiri: bool | None = None
        if values.get("unit_kerja_mandiri"):
            try:
                mandiri = parse_ya_tidak(values["unit_kerja_mandiri"])
            except CellError as exc:
                fail("unit_kerja_mandiri", str(exc))

        existing = self.existing.get(nip) if nip else None

        status: str | None = None
        if values.get("status"):
            status = STATUS_PEGAWAI.get(values["status"].casefold())
            if status is None:
                fail(
                    "status",
                    _("Status “%(nilai)s” tidak dikenal: isi PNS, CPNS, atau PPPK.") % {"nilai": values["status"]},
                )
        if info is not None:
            if status is None and not values.get("status"):
                keep = existing.status if existing is not None else None
                derived = StatusPegawai.PPPK if info.is_pppk else StatusPegawai.PNS
                consistent = keep and (keep == StatusPegawai.PPPK) == info.is_pppk
                effective = keep if consistent else derived
                status = None if consistent else str(derived)
            else:
                effective = status
            if effective and info.is_pppk and effective != StatusPegawai.PPPK:
                fail(
                    "status",
                    _("NIP %(nip)s adalah nomor induk PPPK (kode 21), jadi statusnya harus PPPK.") % {"nip": nip},
                )
            elif effective == StatusPegawai.PPPK and not info.is_pppk:
                fail("status", _("Status PPPK memerlukan nomor induk PPPK (angka ke-13–14 = 21)."))
        else:
            effective = status

        golongan: str | None = None
        if values.get("golongan") and effective:
            try:
                golongan = parse_golongan(values["golongan"], effective)
            except CellError as exc:
                fail("golongan", str(exc))

        tmt: datetime.date | None = None
        if not is_blank(record.get("tmt_cpns")):
            try:
                tmt = parse_tanggal(record["tmt_cpns"])
            except CellError as exc:
                fail("tmt_cpns", str(exc))
            else:
                # The same full-date rule as Pegawai.clean: at least 18 on the TMT.
                if info is not None and usia_pada(info.tanggal_lahir, tmt) < USIA_MINIMUM_PENGANGKATAN:
                    fail(
                        "tmt_cpns",
                        _("Pada TMT %(tmt)s usianya belum %(usia)s tahun (tanggal lahir di NIP %(lahir)s).")
                        % {
                            "tmt": tmt.strftime("%d-%m-%Y"),
                            "usia": USIA_MINIMUM_PENGANGKATAN,
                            "lahir": info.tanggal_lahir.strftime("%d-%m-%Y"),
                        },
                    )

        tmt_jabatan: datetime.date | None = None
        if not is_blank(record.get("tmt_jabatan")):
            try:
                tmt_jabatan = baca_tmt_jabatan(record["tmt_jabatan"])
            except CellError as exc:
                fail("tmt_jabatan", str(exc))

        nip_atasan = ""
        if not is_blank(record.get("nip_atasan")):
            try:
                nip_atasan = nip_from_cell(record["nip_atasan"], "nip_atasan")
                # The same atasan appears on many rows: decode each NIP once.
                if nip_atasan not in self.valid_nips:
                    parse_nip(nip_atasan)
                    self.valid_nips.add(nip_atasan)
            except (CellError, NipError) as exc:
                fail("nip_atasan", _("NIP atasan tidak valid: %(alasan)s") % {"alasan": exc})
                nip_atasan = ""
            if nip_atasan and nip_atasan == nip:
                fail("nip_atasan", _("Pegawai tidak dapat menjadi atasan dirinya sendiri."))
                nip_atasan = ""

        if existing is not None and self.scope is not None:
            current = self.org.jabatans.get(existing.jabatan_id)
            opd_id = self.org.units[current.unit_kerja_id].perangkat_daerah_id if current else None
            if opd_id not in self.scope:
                fail(
                    "nip",
                    _("NIP %(nip)s terdaftar di perangkat daerah lain; mutasi antar-OPD dilakukan oleh BKPSDM.")
                    % {"nip": nip},
                )
        if nip and nip in self.users:
            _user_pk, owner = self.users[nip]
            if owner is not None and (existing is None or owner != existing.pk):
                fail("nip", _("Akun dengan NIP %(nip)s sudah dipakai pegawai lain.") % {"nip": nip})

        opd = None
        if values.get("perangkat_daerah"):
            opd = self.org.resolve_opd(values["perangkat_daerah"])
            if opd is None or (self.scope is not None and opd.obj.pk not in self.scope):
                fail(
                    "perangkat_daerah",
                    _("Perangkat daerah “%(nama)s” bukan OPD yang Anda kelola.") % {"nama": values["perangkat_daerah"]},
                )
                opd = None

        if errors or info is None or opd is None:
            for column, message in errors:
                self.error(number, column, message, values)
            if nip_atasan:
                # Still checked once every NIP of the file is known, so the row lists all its problems.
                self.invalid_with_atasan.append((number, nip_atasan, values))
            return

        unit = self.org.resolve_unit(opd, values["unit_kerja"])
        pesan = tandai_mandiri(self.scope, unit, mandiri, number) if mandiri is not None else None
        if pesan:
            self.error(number, "unit_kerja_mandiri", pesan, values)
            return
        jabatan = self.org.resolve_jabatan(unit, values["jabatan"], jenis, jenjang, number)
        if isinstance(jabatan, str):
            self.error(number, "jenis_jabatan", jabatan, values)
            return
        row = RowPlan(
            number=number,
            nip=nip,
            info=info,
            nama=nama,
            gelar_depan=gelar_depan,
            gelar_belakang=gelar_belakang,
            status=status,
            golongan=golongan,
            tmt=tmt,
            jabatan=jabatan,
            nip_atasan=nip_atasan,
            existing=existing,
            values=values,
            tmt_jabatan=tmt_jabatan,
        )
        self.rows.append(row)
        self.rows_by_nip[nip] = row

    def _periksa_override(self) -> None:
        """A new or changed override must name a pejabat penilai (:func:`pegawai.penilai.atasan_tidak_sah`),
        judged on the atasan's position after this import."""
        calon, rows = {}, []
        for row in self.rows:
            nip = row.atasan_override
            if not isinstance(nip, str) or row.number in self.errors:
                continue
            atasan = self.existing.get(nip)
            if row.existing is not None and atasan is not None and row.existing.atasan_override_id == atasan.pk:
                continue  # unchanged
            atasan_row = self.rows_by_nip.get(nip)
            jabatan = atasan_row.jabatan if atasan_row is not None else self.org.jabatan_of_pk(atasan.jabatan_id)
            calon[nip] = CalonAtasan(atasan.pk if atasan is not None else None, jabatan.jenis)
            rows.append(row)
        tidak_sah = atasan_tidak_sah(calon) if calon else set()
        for row in rows:
            if row.atasan_override in tidak_sah:
                self.error(row.number, "nip_atasan", pesan_atasan_tidak_sah(), row.values)

    # -- pass 3: what happens to each pegawai -------------------------------------------------------------

    def _outcomes(self) -> None:
        override_ids = {row.existing.atasan_override_id for row in self.rows if row.existing is not None}
        override_ids.discard(None)
        nip_of_pk = {p.pk: p.nip for p in self.existing.values()}
        missing = override_ids - nip_of_pk.keys()
        if missing:
            nip_of_pk.update(Pegawai.objects.filter(pk__in=missing).values_list("pk", "nip"))

        labels = {f.name: str(f.verbose_name) for f in Pegawai._meta.get_fields() if hasattr(f, "verbose_name")}
        for row in self.rows:
            if row.number in self.errors:
                continue
            jab = row.jabatan
            outcome = RowOutcome(
                number=row.number,
                kind=NEW,
                nip=row.nip,
                # The printed form is the model's rule; a planned row has the three fields it reads.
                nama=Pegawai.nama_lengkap.fget(row),
                jabatan=jab.obj.nama,
                unit_kerja=jab.unit.obj.nama,
                perangkat_daerah=jab.unit.opd.obj.nama,
            )
            peg = row.existing
            if peg is not None:
                planned = planned_values(row, peg)
                for name, value in planned.items():
                    if getattr(peg, name) != value:
                        row.updates[name] = value
                        outcome.changes.append(Change(labels[name], _display(getattr(peg, name)), _display(value)))
                if jab.new or jab.obj.pk != peg.jabatan_id:
                    row.updates["jabatan"] = jab
                    old = self.org.jabatans.get(peg.jabatan_id)
                    baru = jab.obj.nama
                    if row.tmt_jabatan:
                        baru = _("%(jabatan)s (TMT %(tmt)s)") % {"jabatan": baru, "tmt": row.tmt_jabatan.isoformat()}
                    outcome.changes.append(Change(labels["jabatan"], old.nama if old else "—", baru))
                if row.atasan_override is not UNCHANGED:
                    old_nip = nip_of_pk.get(peg.atasan_override_id) if peg.atasan_override_id else None
                    if old_nip != row.atasan_override:
                        row.updates["atasan_override"] = row.atasan_override
                        outcome.changes.append(
                            Change(labels["atasan_override"], old_nip or "—", row.atasan_override or "—")
                        )
                if peg.user_id is None:
                    row.updates["user"] = True
                    outcome.changes.append(Change(_("akun"), "—", row.nip))
                outcome.kind = UPDATE if outcome.changes else SKIP
            self.result.rows.append(outcome)

        self.result.opd_baru = len(self.org.new_opds)
        self.result.unit_baru = len(self.org.new_units)
        self.result.jabatan_baru = len(self.org.new_jabatan)
        self.result.unit_diubah = sum(1 for u in self.org.unit_by_pk.values() if u.parent_changed or u.mandiri_changed)
        self.result.jabatan_diubah = sum(1 for j in self.org.jabatan_by_pk.values() if j.changed)
        self.result.akun_baru = sum(
            1
            for row in self.rows
            if row.number not in self.errors
            and row.nip not in self.users
            and (row.existing is None or row.existing.user_id is None)
        )


def planned_values(row: RowPlan, peg: Pegawai | None) -> dict[str, Any]:
    """Field values after the import; a blank optional column keeps what an existing pegawai has."""
    values = {
        "nama": row.nama,
        "gelar_depan": row.gelar_depan,
        "gelar_belakang": row.gelar_belakang,
        # The NIP is the authority on birth date and sex (docs/ATURAN.md).
        "tanggal_lahir": row.info.tanggal_lahir,
        "jenis_kelamin": row.info.jenis_kelamin,
    }
    if row.status is not None:
        values["status"] = row.status
    elif peg is None:
        values["status"] = StatusPegawai.PPPK if row.info.is_pppk else StatusPegawai.PNS
    if row.golongan is not None:
        values["golongan"] = row.golongan
    elif peg is None:
        values["golongan"] = ""
    if row.tmt is not None:
        values["tmt_cpns"] = row.tmt
    elif peg is None:
        values["tmt_cpns"] = row.info.tmt
    return values


def _display(value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
