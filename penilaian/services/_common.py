"""What every evaluation service does around its write: lock the row, check the period is open, record the step in
the evaluation's history and attribute audit events. For ``penilaian.services`` modules only."""

from __future__ import annotations

from django.utils.translation import gettext as _

from pegawai.akses import pegawai_of, peran_of
from portal.locking import lock_row

from ..errors import PenilaianError, PenilaianTidakBerwenang
from ..models import Evaluasi, PeriodePenilaian, RiwayatEvaluasi


def galat(errors: dict[str, str]) -> PenilaianError:
    return PenilaianError(" ".join(errors.values()), errors=errors, daftar=list(errors.values()))


def teks(nilai, field: str, maks: int, *, wajib: bool = False, label: str = "") -> str:
    """Free text from a form: stripped, refused when too long, or empty when required. (Control characters never
    arrive: portal.middleware removes them from every request.)"""
    isi = (nilai or "").strip()
    if len(isi) > maks:
        raise galat({field: _("Paling banyak %(n)s karakter.") % {"n": maks}})
    if wajib and not isi:
        raise galat({field: _("%(label)s wajib diisi.") % {"label": label or _("Isian ini")}})
    return isi


def pastikan_terbuka(periode: PeriodePenilaian) -> None:
    if periode.ditutup:
        raise PenilaianError(
            _("Periode %(periode)s sudah ditutup; penilaiannya terkunci. Admin BKPSDM dapat membukanya kembali.")
            % {"periode": periode.nama}
        )


def lock_evaluasi(evaluasi: Evaluasi | int) -> Evaluasi:
    return lock_row(Evaluasi, getattr(evaluasi, "pk", evaluasi), select_related=("periode", "pegawai", "skp__jabatan"))


def pastikan_pemilik(user, evaluasi: Evaluasi):
    me = pegawai_of(user)
    if me is None or me.pk != evaluasi.pegawai_id:
        raise PenilaianTidakBerwenang(_("Hanya pegawai yang dinilai yang dapat mengubah ini."))
    return me


def pastikan_admin_bkpsdm(user) -> None:
    if not peran_of(user).admin_bkpsdm:
        raise PenilaianTidakBerwenang(_("Hanya admin BKPSDM yang dapat melakukan ini."))


def nama_pelaku(user) -> str:
    me = pegawai_of(user)
    if me is not None:
        return me.nama_lengkap
    return user.get_full_name() or user.get_username()


def catat(evaluasi: Evaluasi, aksi: str, dari: str, ke: str, user, catatan: str = "") -> RiwayatEvaluasi:
    return RiwayatEvaluasi.objects.create(
        evaluasi=evaluasi,
        aksi=aksi,
        dari_status=dari,
        ke_status=ke,
        actor=user if getattr(user, "pk", None) else None,
        actor_nama=nama_pelaku(user),
        catatan=catatan,
    )
