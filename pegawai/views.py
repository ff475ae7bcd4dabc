"""Portal pages of the pegawai app.

Access rules, the same for every view (CONVENTIONS.md, "Who may see what"):
- anonymous → redirect to the login page (``login_required``), except the guide (``panduan``);
- logged in but outside the view's role, or asking for an object outside their reach → 404, never 403, so the
  existence of a NIP or an OPD is not revealed. Objects are always fetched through a scoped selector.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pghistory.models import MiddlewareEvents

from .choices import JenisAkses, JenisJabatan
from .exports import FORMATS, PegawaiExporter
from .filters import PegawaiFilterSet
from .forms import AksesLogFilterForm, AuditFilterForm, PenugasanForm
from .models import AksesLog, Pegawai, Penugasan, User
from .nip import format_nip, normalize_nip
from .selectors import (
    Peran_,
    atasan_langsung,
    bawahan_langsung,
    opd_lingkup_statistik,
    pegawai_managed_by,
    pegawai_of,
    pegawai_per_jenis_jabatan,
    pegawai_visible_to,
    penugasan_managed_by,
    peran_of,
    perangkat_daerah_visible_to,
    statistik_opd,
    struktur_opd,
)
from .services import PenugasanError, catat_akses, penugasan_buat, penugasan_hapus, penugasan_ubah

PER_HALAMAN = 50


def butuh_peran(check: Callable[[Peran_], bool]):
    """Login required, then the stored role must pass ``check``; otherwise 404 (not 403: see module docstring)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(peran_of(request.user)):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def _admin(roles: Peran_) -> bool:
    return roles.admin


def _admin_bkpsdm(roles: Peran_) -> bool:
    return roles.admin_bkpsdm


def _boleh_ekspor(roles: Peran_) -> bool:
    # Admins and pimpinan produce recaps; a pegawai or atasan reads on screen only, so personal data of a whole
    # team does not leave the portal through an ordinary account.
    return roles.admin or roles.pimpinan


def _halaman(request, queryset, per_halaman: int = PER_HALAMAN):
    return Paginator(queryset, per_halaman).get_page(request.GET.get("page"))


# --- Beranda & panduan --------------------------------------------------------------------------------------------


@login_required
def dashboard(request):
    user = request.user
    me = pegawai_of(user)
    context: dict = {}

    if me is not None:
        pegawai = Pegawai.objects.with_org().get(pk=me.pk)
        atasan = atasan_langsung(pegawai)
        atasan_atasan = atasan_langsung(atasan) if atasan else None
        # Re-read both atasan with their position and unit in one query instead of two lazy chains each.
        ids = [p.pk for p in (atasan, atasan_atasan) if p]
        org = Pegawai.objects.with_org().in_bulk(ids)
        bawahan = bawahan_langsung(pegawai).with_org().order_by("nama")
        context.update(
            pegawai=pegawai,
            atasan=org.get(atasan.pk) if atasan else None,
            atasan_atasan=org.get(atasan_atasan.pk) if atasan_atasan else None,
            penugasan_saya=list(
                Penugasan.objects.berlaku()
                .filter(pegawai=pegawai)
                .select_related("jabatan__unit_kerja__perangkat_daerah")
            ),
            jumlah_bawahan=bawahan.count(),
            bawahan_contoh=list(bawahan[:5]),
        )

    lingkup = opd_lingkup_statistik(user)
    if lingkup is None or lingkup:
        rekap = statistik_opd(lingkup)
        per_jenis = pegawai_per_jenis_jabatan(lingkup)
        context.update(
            rekap=rekap,
            rekap_total={
                key: sum(getattr(r, key) for r in rekap)
                for key in (
                    "pegawai_aktif",
                    "pns",
                    "cpns",
                    "pppk",
                    "jabatan",
                    "jabatan_kosong",
                    "jabatan_kosong_ada_plt",
                    "unit_kerja",
                )
            },
            grafik_jenis={
                # "JPT" rather than the full name: five bars must fit a 360 px screen without slanted labels.
                "labels": ["JPT" if jenis == JenisJabatan.JPT else label for jenis, label, _n in per_jenis],
                "data": [n for _jenis, _label, n in per_jenis],
            },
            per_jenis=per_jenis,
            lingkup_kota=lingkup is None,
        )
    return render(request, "pegawai/dashboard.html", context)


def panduan(request):
    """The built-in guide. Open without login: a locked-out or first-time user needs it most."""
    from django.db import DatabaseError, transaction

    from kinerja.choices import KebijakanTerlambat

    # The daily-report settings are read, never created (get_solo would write the row): an empty table, or one
    # not migrated yet, shows the model defaults, and the guide still opens.
    PengaturanKinerja = apps.get_model("kinerja", "PengaturanKinerja")
    try:
        with transaction.atomic():
            kinerja = PengaturanKinerja.objects.filter(pk=PengaturanKinerja.SOLO_PK).first()
    except DatabaseError:
        kinerja = None
    kinerja = kinerja or PengaturanKinerja()
    # The numbers quoted in the guide come from the running configuration, so the text never contradicts it.
    return render(
        request,
        "pegawai/panduan.html",
        {
            "batas_gagal": settings.AXES_FAILURE_LIMIT,
            "menit_kunci": round(settings.AXES_COOLOFF_TIME * 60),
            "menit_sesi": settings.SESSION_COOKIE_AGE // 60,
            "menit_minimum": kinerja.menit_efektif_minimum,
            "batas_hari_entri": kinerja.batas_hari_entri,
            "terlambat_ditandai": kinerja.kebijakan_terlambat == KebijakanTerlambat.TANDAI,
            "batas_verifikasi": kinerja.batas_verifikasi_hari_kerja,
            "maks_unggah_mb": kinerja.maks_unggah_mb,
            "hari_kerja_bawaan": kinerja.get_hari_kerja_per_minggu_display(),
        },
    )


# --- Pegawai ------------------------------------------------------------------------------------------------------


def _pegawai_filter(request) -> tuple[PegawaiFilterSet, object]:
    """The scoped, filtered pegawai queryset shared by the list and its export. An invalid filter shows nothing
    (and its error) rather than silently ignoring the filter and showing more than was asked for."""
    queryset = pegawai_visible_to(request.user).with_org().order_by("nama", "nip")
    filterset = PegawaiFilterSet(request.GET, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_valid() else queryset.none()
    return filterset, rows


FILTER_LANJUT = ("opd", "unit", "jenis_jabatan", "status", "lingkup", "aktif")


@login_required
def pegawai_list(request):
    filterset, rows = _pegawai_filter(request)
    page = _halaman(request, rows)
    return render(
        request,
        "pegawai/pegawai_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "boleh_ekspor": _boleh_ekspor(peran_of(request.user)),
            "ada_filter": any(request.GET.get(k) for k in ("q", *FILTER_LANJUT)),
            "ada_filter_lanjut": any(request.GET.get(k) for k in FILTER_LANJUT),
        },
    )


@login_required
def pegawai_detail(request, nip: str):
    visible = pegawai_visible_to(request.user)
    pegawai = get_object_or_404(visible.with_org(), nip=normalize_nip(nip))
    me = pegawai_of(request.user)
    if me is None or me.pk != pegawai.pk:
        # UU 27/2022 Pasal 31: a record of who viewed another person's personal data, kept for the data owner.
        catat_akses(
            user=request.user,
            jenis=JenisAkses.LIHAT,
            objek=_("Profil pegawai %(nip)s") % {"nip": pegawai.nip},
            pegawai=pegawai,
            request=request,
        )

    atasan = atasan_langsung(pegawai)
    atasan_atasan = atasan_langsung(atasan) if atasan else None
    bawahan = list(bawahan_langsung(pegawai).with_org().order_by("nama"))
    rantai_ids = [p.pk for p in (atasan, atasan_atasan) if p]
    org = Pegawai.objects.with_org().in_bulk(rantai_ids)
    # Names are linked only where the viewer may open the profile; one query for the whole page.
    bisa_dibuka = set(visible.filter(pk__in=rantai_ids + [b.pk for b in bawahan]).values_list("pk", flat=True))
    hari_ini = timezone.localdate()
    penugasan = list(
        Penugasan.objects.filter(pegawai=pegawai)
        .select_related("jabatan__unit_kerja__perangkat_daerah")
        .order_by("-tanggal_mulai")
    )
    for t in penugasan:
        t.berlaku = t.tanggal_mulai <= hari_ini <= t.tanggal_selesai
    pengganti = list(
        Penugasan.objects.berlaku(hari_ini).filter(jabatan_id=pegawai.jabatan_id).select_related("pegawai")
    )
    return render(
        request,
        "pegawai/pegawai_detail.html",
        {
            "pegawai": pegawai,
            "atasan": org.get(atasan.pk) if atasan else None,
            "atasan_atasan": org.get(atasan_atasan.pk) if atasan_atasan else None,
            "bawahan": bawahan,
            "bisa_dibuka": bisa_dibuka,
            "penugasan": penugasan,
            "pengganti": pengganti,
            "diri_sendiri": me is not None and me.pk == pegawai.pk,
            "boleh_kelola_akun": pegawai.aktif and pegawai_managed_by(request.user).filter(pk=pegawai.pk).exists(),
        },
    )


@butuh_peran(_boleh_ekspor)
def pegawai_ekspor(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in FORMATS:
        raise Http404
    filterset, rows = _pegawai_filter(request)
    if not filterset.is_valid():
        messages.error(request, _("Filter belum benar; perbaiki dulu sebelum mengunduh."))
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(f"{reverse('pegawai_list')}?{query.urlencode()}")
    export = PegawaiExporter(rows).render(fmt)
    catat_akses(
        user=request.user,
        jenis=JenisAkses.EKSPOR,
        objek=_("Daftar pegawai (%(format)s)") % {"format": fmt.upper()},
        request=request,
        jumlah_baris=export.jumlah_baris,
    )
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


# --- Organisasi ---------------------------------------------------------------------------------------------------


@login_required
def organisasi(request):
    opd_ids = set(perangkat_daerah_visible_to(request.user).values_list("pk", flat=True))
    rekap = statistik_opd(opd_ids) if opd_ids else []
    return render(request, "pegawai/organisasi_list.html", {"rekap": rekap})


@login_required
def organisasi_detail(request, pk: int):
    opd = get_object_or_404(perangkat_daerah_visible_to(request.user), pk=pk)
    pohon = struktur_opd(opd)
    terlihat = set(
        pegawai_visible_to(request.user).filter(jabatan__unit_kerja__perangkat_daerah=opd).values_list("pk", flat=True)
    )
    rekap = statistik_opd({opd.pk})
    return render(
        request,
        "pegawai/organisasi_detail.html",
        {
            "opd": opd,
            "pohon": pohon,
            "terlihat": terlihat,
            "rekap": rekap[0] if rekap else None,
            # A small OPD is shown fully unfolded; a large one only to the bidang level, to keep the page short.
            "buka_semua": bool(rekap) and rekap[0].unit_kerja <= 25,
        },
    )


# --- Plt / Plh ----------------------------------------------------------------------------------------------------

STATUS_PENUGASAN = [
    ("berlaku", _("Sedang berlaku")),
    ("akan", _("Akan datang")),
    ("selesai", _("Sudah selesai")),
]


@butuh_peran(_admin)
def penugasan_list(request):
    hari_ini = timezone.localdate()
    qs = penugasan_managed_by(request.user).select_related(
        "pegawai__jabatan__unit_kerja__perangkat_daerah", "jabatan__unit_kerja__perangkat_daerah"
    )
    status = request.GET.get("status", "")
    if status == "berlaku":
        qs = qs.berlaku(hari_ini)
    elif status == "akan":
        qs = qs.filter(tanggal_mulai__gt=hari_ini)
    elif status == "selesai":
        qs = qs.filter(tanggal_selesai__lt=hari_ini)
    else:
        status = ""
    q = request.GET.get("q", "").strip()
    if q:
        digits = normalize_nip(q)
        cond = Q(pegawai__nama__icontains=q) | Q(jabatan__nama__icontains=q)
        if digits.isdigit():
            cond |= Q(pegawai__nip__contains=digits)
        qs = qs.filter(cond)
    page = _halaman(request, qs.order_by("-tanggal_mulai", "pk"))
    for t in page.object_list:
        t.berlaku = t.tanggal_mulai <= hari_ini <= t.tanggal_selesai
        t.akan_datang = t.tanggal_mulai > hari_ini
    return render(
        request,
        "pegawai/penugasan_list.html",
        {"page_obj": page, "status": status, "q": q, "status_choices": STATUS_PENUGASAN},
    )


def _simpan_penugasan(request, form: PenugasanForm, penugasan: Penugasan | None):
    """Run the service for a valid form; a broken rule becomes a field error. Returns the saved assignment."""
    data = form.cleaned_data
    kwargs = {
        "actor": request.user,
        "pegawai": data["pegawai_nip"],
        "jabatan": data["jabatan"],
        "jenis": data["jenis"],
        "tanggal_mulai": data["tanggal_mulai"],
        "tanggal_selesai": data["tanggal_selesai"],
        "nomor_sk": data["nomor_sk"],
    }
    try:
        if penugasan is None:
            return penugasan_buat(**kwargs)
        return penugasan_ubah(penugasan=penugasan, **kwargs)
    except PenugasanError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))
    except PermissionDenied:
        form.add_error(None, _("Pegawai atau jabatan ini berada di luar perangkat daerah yang Anda kelola."))
    return None


@butuh_peran(_admin)
def penugasan_create(request):
    form = PenugasanForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _simpan_penugasan(request, form, None)
        if saved is not None:
            messages.success(
                request,
                _("%(jenis)s %(jabatan)s untuk %(nama)s sudah disimpan.")
                % {
                    "jenis": saved.get_jenis_display(),
                    "jabatan": saved.jabatan.nama,
                    "nama": saved.pegawai.nama_lengkap,
                },
            )
            return redirect("penugasan_list")
    return render(request, "pegawai/penugasan_form.html", {"form": form, "penugasan": None})


@butuh_peran(_admin)
def penugasan_update(request, pk: int):
    penugasan = get_object_or_404(penugasan_managed_by(request.user).select_related("pegawai", "jabatan"), pk=pk)
    initial = {
        "pegawai_nip": penugasan.pegawai.nip_tercetak,
        "jabatan": penugasan.jabatan_id,
        "jenis": penugasan.jenis,
        "tanggal_mulai": penugasan.tanggal_mulai,
        "tanggal_selesai": penugasan.tanggal_selesai,
        "nomor_sk": penugasan.nomor_sk,
    }
    form = PenugasanForm(request.POST or None, initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _simpan_penugasan(request, form, penugasan)
        if saved is not None:
            messages.success(request, _("Perubahan penugasan sudah disimpan."))
            return redirect("penugasan_list")
    return render(request, "pegawai/penugasan_form.html", {"form": form, "penugasan": penugasan})


@butuh_peran(_admin)
@require_POST
def penugasan_delete(request, pk: int):
    penugasan = get_object_or_404(penugasan_managed_by(request.user).select_related("pegawai", "jabatan"), pk=pk)
    keterangan = f"{penugasan.get_jenis_display()} {penugasan.jabatan.nama} — {penugasan.pegawai.nama_lengkap}"
    penugasan_hapus(actor=request.user, penugasan=penugasan)
    messages.success(request, _("Penugasan %(keterangan)s sudah dihapus.") % {"keterangan": keterangan})
    return redirect("penugasan_list")


# --- Audit --------------------------------------------------------------------------------------------------------

LABEL_AUDIT = {"insert": _("dibuat"), "update": _("diubah"), "delete": _("dihapus")}


def _field_info(model, column: str):
    """The model field behind a column name in pghistory's JSON (``jabatan_id`` → the ``jabatan`` FK)."""
    for f in model._meta.concrete_fields:
        if f.attname == column or f.name == column:
            return f
    return None


def _tampil_nilai(field, value):
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if field is not None and field.is_relation:
        return f"#{value}"
    return value


def _baris_audit(events) -> list[dict]:
    """Shape one page of pghistory events for display: actor names in one query, field labels from the model."""
    user_ids = {e.user_id for e in events if e.user_id}
    users = User.objects.filter(pk__in=user_ids).select_related("pegawai").in_bulk()
    rows = []
    for e in events:
        model = apps.get_model(e.pgh_obj_model)
        data = e.pgh_data or {}
        perubahan = []
        for column, (before, after) in sorted((e.pgh_diff or {}).items()):
            field = _field_info(model, column)
            perubahan.append(
                {
                    "field": field.verbose_name if field is not None else column,
                    "sebelum": _tampil_nilai(field, before),
                    "sesudah": _tampil_nilai(field, after),
                }
            )
        isi = []
        if e.pgh_label in ("insert", "delete"):
            for column, value in data.items():
                field = _field_info(model, column)
                if field is None or field.primary_key:
                    continue
                isi.append({"field": field.verbose_name, "nilai": _tampil_nilai(field, value)})
        nama = data.get("nama") or data.get("username") or ""
        if not nama and data.get("jenis"):
            nama = _tampil_nilai(_field_info(model, "jenis"), data["jenis"])
        if model is Pegawai and data.get("nip"):
            nama = f"{nama} ({format_nip(data['nip'])})"
        rows.append(
            {
                "waktu": e.pgh_created_at,
                "aktor": users.get(e.user_id),
                "aktor_id": e.user_id,
                "label": LABEL_AUDIT.get(e.pgh_label, e.pgh_label),
                "label_kode": e.pgh_label,
                "model": model._meta.verbose_name,
                "model_label": e.pgh_obj_model,
                "objek_id": e.pgh_obj_id,
                "nama": nama,
                "perubahan": perubahan,
                "isi": isi,
                "url": (e.pgh_context or {}).get("url", ""),
            }
        )
    return rows


@butuh_peran(_admin_bkpsdm)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    events = MiddlewareEvents.objects.all()
    pesan_kosong = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["nip"]:
            pegawai_id = Pegawai.objects.filter(nip=data["nip"]).values_list("pk", flat=True).first()
            if pegawai_id is None:
                # A deleted pegawai is still in the history: find its id there.
                event_model = Pegawai.pgh_event_models["insert"]
                pegawai_id = event_model.objects.filter(nip=data["nip"]).values_list("pgh_obj_id", flat=True).first()
            if pegawai_id is None:
                events = events.none()
                pesan_kosong = _("Tidak ada pegawai dengan NIP tersebut, sekarang maupun di riwayat.")
            else:
                # references(): the pegawai's own events and every event pointing at them (Plt/Plh, override).
                events = events.references(Pegawai(pk=pegawai_id))
        elif data["model"]:
            model = apps.get_model(data["model"])
            if data["objek_id"]:
                events = events.tracks(model(pk=data["objek_id"]))
            else:
                events = events.across(*set(model.pgh_event_models.values()))
        if data["aktor"]:
            actor_id = User.objects.filter(username=data["aktor"]).values_list("pk", flat=True).first()
            events = events.filter(user_id=actor_id) if actor_id else events.none()
        if data["label"]:
            events = events.filter(pgh_label=data["label"])
    elif form.is_bound:
        events = events.none()
    page = _halaman(request, events.order_by("-pgh_created_at", "-pgh_slug"), 25)
    return render(
        request,
        "pegawai/audit_list.html",
        {"form": form, "page_obj": page, "rows": _baris_audit(page.object_list), "pesan_kosong": pesan_kosong},
    )


@butuh_peran(_admin_bkpsdm)
def akses_log(request):
    form = AksesLogFilterForm(request.GET or None)
    logs = AksesLog.objects.select_related("user__pegawai", "pegawai")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["pengguna"]:
            logs = logs.filter(user__username=data["pengguna"])
        if data["nip"]:
            logs = logs.filter(pegawai__nip=data["nip"])
        if data["jenis"]:
            logs = logs.filter(jenis=data["jenis"])
        if data["dari"]:
            logs = logs.filter(waktu__date__gte=data["dari"])
        if data["sampai"]:
            logs = logs.filter(waktu__date__lte=data["sampai"])
    elif form.is_bound:
        logs = logs.none()
    page = _halaman(request, logs.order_by("-waktu", "-pk"))
    return render(request, "pegawai/akses_log.html", {"form": form, "page_obj": page})
