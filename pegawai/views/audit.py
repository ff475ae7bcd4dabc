"""The admin BKPSDM's audit pages: the change history (pghistory events) and the personal-data access log."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from pghistory.models import MiddlewareEvents

from portal.audit import PER_HALAMAN, halaman_audit
from portal.models import AksesLog
from portal.pagination import paginate

from ..akses import butuh_peran, peran_admin_bkpsdm
from ..forms import JENDELA_AUDIT_HARI, AksesLogFilterForm, AuditFilterForm
from ..models import Pegawai, User
from ..nip import format_nip

LABEL_AUDIT = {"insert": _("dibuat"), "update": _("diubah"), "delete": _("dihapus")}
#: The badge colour of each kind of change (Bootstrap ``text-bg-*``).
WARNA_AUDIT = {"insert": "success", "update": "primary", "delete": "danger"}


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
                "warna": WARNA_AUDIT.get(e.pgh_label, "primary"),
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


def _rentang(data: dict) -> tuple[datetime.date, datetime.date]:
    """The days shown: the chosen ones, else the last JENDELA_AUDIT_HARI days up to today."""
    hari_ini = timezone.localdate()
    sampai = data.get("sampai") or hari_ini
    dari = data.get("dari") or min(sampai, hari_ini) - datetime.timedelta(days=JENDELA_AUDIT_HARI)
    return dari, sampai


def _awal_hari(tanggal: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time.min))


@butuh_peran(peran_admin_bkpsdm)
def audit_list(request):
    """The change history of a date window, newest first. A NIP filter (the pegawai and every row pointing at them)
    goes through pghistory's own query, which that filter keeps small, with numbered pages; every other view reads
    the event tables by their time index a page at a time (:func:`portal.audit.halaman_audit`), so the page stays
    fast with millions of events."""
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    dari, sampai = _rentang(data)
    ctx = {"form": form, "dari": dari, "sampai": sampai, "page_obj": None, "berikutnya": None, "rows": []}
    pesan_kosong = None
    if form.is_bound and not form.is_valid():
        ctx["pesan_kosong"] = _("Perbaiki filter di atas.")
        return render(request, "pegawai/audit_list.html", ctx)
    window = {"dari": _awal_hari(dari), "sampai": _awal_hari(sampai + datetime.timedelta(days=1))}
    user_id = None
    if data.get("aktor"):
        user_id = User.objects.filter(username=data["aktor"]).values_list("pk", flat=True).first()
        if user_id is None:
            ctx["pesan_kosong"] = _("Tidak ada akun dengan nama tersebut.")
            return render(request, "pegawai/audit_list.html", ctx)
    if data.get("nip"):
        pegawai_id = Pegawai.objects.filter(nip=data["nip"]).values_list("pk", flat=True).first()
        if pegawai_id is None:
            # A deleted pegawai is still in the history: find its id there.
            event_model = Pegawai.pgh_event_models["insert"]
            pegawai_id = event_model.objects.filter(nip=data["nip"]).values_list("pgh_obj_id", flat=True).first()
        if pegawai_id is None:
            pesan_kosong = _("Tidak ada pegawai dengan NIP tersebut, sekarang maupun di riwayat.")
            events = MiddlewareEvents.objects.none()
        else:
            # references(): the pegawai's own events and every event pointing at them (Plt/Plh, override).
            events = MiddlewareEvents.objects.references(Pegawai(pk=pegawai_id)).filter(
                pgh_created_at__gte=window["dari"], pgh_created_at__lt=window["sampai"]
            )
        if data.get("model"):
            events = events.filter(pgh_obj_model=data["model"])
            if data.get("objek_id"):
                events = events.filter(pgh_obj_id=str(data["objek_id"]))
        if user_id is not None:
            events = events.filter(user_id=user_id)
        if data.get("label"):
            events = events.filter(pgh_label=data["label"])
        page = paginate(request, events.order_by("-pgh_created_at", "-pgh_slug"), PER_HALAMAN)
        ctx.update(page_obj=page, rows=_baris_audit(page.object_list))
    else:
        halaman = halaman_audit(
            **window,
            label=data.get("label") or None,
            user_id=user_id,
            model_label=data.get("model") or None,
            objek_id=data.get("objek_id"),
            kursor=data.get("setelah") or None,
        )
        ctx["rows"] = _baris_audit(halaman.events)
        if halaman.berikutnya:
            query = request.GET.copy()
            query["setelah"] = halaman.berikutnya
            ctx["berikutnya"] = f"?{query.urlencode()}"
        if data.get("setelah"):
            query = request.GET.copy()
            query.pop("setelah", None)
            ctx["terbaru"] = f"?{query.urlencode()}"
    ctx["pesan_kosong"] = pesan_kosong
    return render(request, "pegawai/audit_list.html", ctx)


@butuh_peran(peran_admin_bkpsdm)
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
    page = paginate(request, logs.order_by("-waktu", "-pk"))
    return render(request, "pegawai/akses_log.html", {"form": form, "page_obj": page})
