"""Writing a planned demo city (:func:`seed_city`) and removing the organisation again (:func:`delete_organisation`).

:func:`seed_city` writes in dependency order (OPD → units per tree level → positions per tree level → users →
pegawai and their dated positions → Plt/Plh and delegations → roles): ``bulk_create`` for the small tables, COPY for
the 20,000-row ones. Every insert fires the pghistory triggers, so the caller wraps it in ``portal.audit.as_actor``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from pegawai.impor.tulis import unusable_password
from pegawai.models import (
    DelegasiPenilai,
    Jabatan,
    Pegawai,
    Penugasan,
    Peran,
    PerangkatDaerah,
    RiwayatJabatan,
    UnitKerja,
    User,
)

from ..akun import DEMO_PASSWORD
from ..bulk import allocate_ids, check_constraints_at_commit, check_constraints_now, copy_into
from .rencana import City

#: The project's own apps, whose model permissions the admin BKPSDM login gets.
PORTAL_APPS = ("portal", "pegawai", "skp", "kinerja", "penilaian", "disiplin")


@dataclass
class Seeded:
    city: City
    pegawai_ids: list[int]
    user_ids: list[int]
    demo_hash: str  # the stored hash of DEMO_PASSWORD shared by the demo logins


def seed_city(city: City) -> Seeded:
    """Insert ``city`` with bulk inserts in dependency order. Call inside a transaction and an audit context."""
    check_constraints_now()
    opd_ids = [
        o.pk
        for o in PerangkatDaerah.objects.bulk_create(
            PerangkatDaerah(kode=o.kode, nama=o.nama, singkatan=o.singkatan) for o in city.opd
        )
    ]

    unit_ids: list[int] = [0] * len(city.units)
    for depth in sorted({u.depth for u in city.units}):
        indices = [i for i, u in enumerate(city.units) if u.depth == depth]
        created = UnitKerja.objects.bulk_create(
            UnitKerja(
                perangkat_daerah_id=opd_ids[city.units[i].opd],
                parent_id=None if city.units[i].parent is None else unit_ids[city.units[i].parent],
                nama=city.units[i].nama,
                mandiri=city.units[i].mandiri,
            )
            for i in indices
        )
        for i, obj in zip(indices, created, strict=True):
            unit_ids[i] = obj.pk

    jabatan_ids: list[int] = [0] * len(city.jabatan)
    for depth in sorted({j.depth for j in city.jabatan}):
        indices = [i for i, j in enumerate(city.jabatan) if j.depth == depth]
        created = Jabatan.objects.bulk_create(
            Jabatan(
                unit_kerja_id=unit_ids[row.unit],
                parent_id=None if row.parent is None else jabatan_ids[row.parent],
                nama=row.nama,
                jenis=row.jenis,
                jenjang=row.jenjang,
                kelas_jabatan=row.kelas,
            )
            for row in (city.jabatan[i] for i in indices)
        )
        for i, obj in zip(indices, created, strict=True):
            jabatan_ids[i] = obj.pk

    demo_hash = make_password(DEMO_PASSWORD)
    user_ids = copy_into(User, USER_COLUMNS, user_rows(city, demo_hash))
    # The pegawai ids are known before the COPY, so atasan_override can point at any row of it.
    pegawai_ids = allocate_ids(Pegawai, len(city.people))
    rows = pegawai_rows(city, range(len(city.people)), user_ids, jabatan_ids, pegawai_ids)
    copy_into(Pegawai, PEGAWAI_COLUMNS, rows, pegawai_ids)
    RiwayatJabatan.objects.bulk_create(riwayat_rows(city, range(len(city.people)), jabatan_ids, pegawai_ids))

    Penugasan.objects.bulk_create(
        Penugasan(
            pegawai_id=pegawai_ids[t.pegawai],
            jabatan_id=jabatan_ids[t.jabatan],
            jenis=t.jenis,
            tanggal_mulai=t.mulai,
            tanggal_selesai=t.selesai,
            nomor_sk=t.nomor_sk,
        )
        for t in city.penugasan
    )
    DelegasiPenilai.objects.bulk_create(delegasi_rows(city, pegawai_ids))
    peran = [
        Peran(user_id=user_ids[person], jenis=jenis, perangkat_daerah_id=None if opd is None else opd_ids[opd])
        for person, jenis, opd in city.peran
    ]
    offset = len(city.people)
    peran += [
        Peran(user_id=user_ids[offset + i], jenis=jenis, perangkat_daerah_id=None if opd is None else opd_ids[opd])
        for i, account in enumerate(city.accounts)
        for jenis, opd in account.peran
    ]
    Peran.objects.bulk_create(peran)
    # Staff operators (admin BKPSDM) may use every model of the portal in the Django admin too.
    permissions = list(Permission.objects.filter(content_type__app_label__in=PORTAL_APPS).values_list("pk", flat=True))
    User.user_permissions.through.objects.bulk_create(
        User.user_permissions.through(user_id=user_ids[offset + i], permission_id=permission)
        for i, account in enumerate(city.accounts)
        if account.is_staff
        for permission in permissions
    )
    check_constraints_at_commit()
    return Seeded(city=city, pegawai_ids=pegawai_ids, user_ids=user_ids, demo_hash=demo_hash)


USER_COLUMNS = [
    "username",
    "password",
    "is_active",
    "is_staff",
    "is_superuser",
    "first_name",
    "last_name",
    "email",
    "date_joined",
]
PEGAWAI_COLUMNS = [
    "user",
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "tanggal_lahir",
    "status",
    "golongan",
    "jabatan",
    "tmt_cpns",
    "aktif",
    "atasan_override",
    "email",
]


def user_rows(city: City, demo_hash: str) -> list[tuple]:
    """Rows for :data:`USER_COLUMNS`: one login per pegawai (username = NIP), then the operator accounts.

    ``demo_hash`` is one PBKDF2 hash of ``DEMO_PASSWORD`` (a third of a second at Django's 1,000,000
    iterations) shared by the demo logins; :func:`demo.akun.demo_logins` finds them again by checking that one hash.
    Everyone else gets an unusable password."""
    now = timezone.now()
    personas = {v for k, v in city.personas.items() if not k.startswith("akun:")}
    rows = [
        (p.nip, demo_hash if i in personas else unusable_password(), p.aktif, False, False, "", "", "", now)
        for i, p in enumerate(city.people)
    ]
    rows += [
        (a.username, demo_hash, True, a.is_staff, False, a.first_name, a.last_name, "", now) for a in city.accounts
    ]
    return rows


def pegawai_rows(
    city: City, indices, user_ids: list[int], jabatan_ids: list[int], pegawai_ids: list[int]
) -> list[tuple]:
    """Rows for :data:`PEGAWAI_COLUMNS` of ``city.people[i]`` for ``i`` in ``indices``."""
    rows = []
    for i in indices:
        p = city.people[i]
        rows.append(
            (
                user_ids[i],
                p.nip,
                p.nama,
                p.gelar_depan,
                p.gelar_belakang,
                p.jenis_kelamin,
                p.tanggal_lahir,
                p.status,
                p.golongan,
                jabatan_ids[p.jabatan],
                p.tmt,
                p.aktif,
                None if p.atasan_override is None else pegawai_ids[p.atasan_override],
                "",
            )
        )
    return rows


def riwayat_rows(city: City, indices, jabatan_ids: list[int], pegawai_ids: list[int]) -> list[RiwayatJabatan]:
    """Each demo pegawai holds their position from their TMT CPNS; a retired one until the end of last year. A
    transferred one (``city.mutasi``) held the old position until the day before the mutasi's TMT and holds the
    new one from it, as :func:`pegawai.services.mutasi.catat_mutasi` records it."""
    akhir_tahun_lalu = datetime.date(city.today.year - 1, 12, 31)
    mutasi = {m.pegawai: m for m in city.mutasi}
    rows = []
    for i in indices:
        p = city.people[i]
        tmt = p.tmt
        if i in mutasi:
            m = mutasi[i]
            rows.append(
                RiwayatJabatan(
                    pegawai_id=pegawai_ids[i],
                    jabatan_id=jabatan_ids[m.jabatan_lama],
                    tmt=p.tmt,
                    tanggal_selesai=m.tmt - datetime.timedelta(days=1),
                )
            )
            tmt = m.tmt
        selesai = None if p.aktif else max(tmt, akhir_tahun_lalu)
        rows.append(
            RiwayatJabatan(
                pegawai_id=pegawai_ids[i],
                jabatan_id=jabatan_ids[p.jabatan],
                tmt=tmt,
                tanggal_selesai=selesai,
                nomor_sk=mutasi[i].nomor_sk if i in mutasi else "",
            )
        )
    return rows


def delegasi_rows(city: City, pegawai_ids: list[int]) -> list[DelegasiPenilai]:
    """The written delegations of the plan (the kepala sekolah's rights as pejabat penilai)."""
    return [
        DelegasiPenilai(
            pemberi_id=pegawai_ids[d.pemberi],
            penerima_id=pegawai_ids[d.penerima],
            tanggal_mulai=d.mulai,
            tanggal_selesai=d.selesai,
            alasan=d.alasan,
            nomor_surat=d.nomor_surat,
        )
        for d in city.delegasi
    ]


def _delete_all(queryset, depth: int = 0) -> int:
    """Delete ``queryset`` and, first, whatever PROTECTs/RESTRICTs it (SKP, activities… of later apps, and
    the child units of a unit tree), recursively. Returns the number of rows deleted."""
    if depth > 50:  # deeper than any unit tree: rows protecting each other in a loop
        raise RuntimeError(f"Tidak dapat menghapus {queryset.model._meta.verbose_name}: rujukan PROTECT melingkar.")
    deleted = 0
    while True:
        try:
            count, _ = queryset.delete()
            return deleted + count
        except (ProtectedError, RestrictedError) as exc:
            blockers = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
            by_model: dict[type, list[int]] = {}
            for obj in blockers:
                by_model.setdefault(type(obj), []).append(obj.pk)
            for model, pks in by_model.items():
                deleted += _delete_all(model._default_manager.filter(pk__in=pks), depth + 1)


def delete_organisation() -> int:
    """Remove the organisation and its people: roles, Plt/Plh, delegations, pegawai (with their dated positions)
    and their logins, positions, units, OPDs, and every row of other apps that depends on them. Superusers are
    kept (their pegawai link is cleared)."""
    user_ids = set(Pegawai.objects.exclude(user=None).values_list("user_id", flat=True))
    user_ids |= set(Peran.objects.values_list("user_id", flat=True))
    check_constraints_now()
    deleted = 0
    for queryset in (
        Penugasan.objects.all(),
        DelegasiPenilai.objects.all(),
        Peran.objects.all(),
        Pegawai.objects.all(),
        Jabatan.objects.all(),
        UnitKerja.objects.all(),
        PerangkatDaerah.objects.all(),
        User.objects.filter(pk__in=user_ids, is_superuser=False),
    ):
        deleted += _delete_all(queryset)
    check_constraints_at_commit()
    return deleted
