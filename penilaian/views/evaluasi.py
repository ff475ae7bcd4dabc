"""The pegawai's side of the evaluation: the landing page of the app (their evaluations per period, the atasan's
team sheets), one evaluation (realisasi, evidence, feedback, ratings, history), the pegawai's edits of realisasi
and evidence (htmx swaps one RHK card; without JavaScript the page reloads), and the downloads of added evidence
files and feedback images through the visibility selector (404 outside)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_pegawai, pegawai_of, peran_of
from pegawai.atasan import atasan_langsung, bawahan_langsung
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.pagination import paginate
from skp.models import Skp

from ..choices import StatusEvaluasi
from ..forms import AlasanForm, BuktiEvaluasiForm, RealisasiForm, SiapkanForm
from ..models import BuktiEvaluasi, Evaluasi, EvaluasiRhk
from ..selectors.evaluasi import (
    boleh_menilai,
    bukti_per_rhk,
    evaluasi_sebelumnya,
    evaluasi_visible_to,
    skp_periode_banyak,
)
from ..selectors.periode import periode_terbuka
from ..services.bukti import bukti_evaluasi_hapus, bukti_evaluasi_tambah
from ..services.evaluasi import evaluasi_perbarui_saran, evaluasi_siapkan, realisasi_ubah

# ---------------------------------------------------------------------------------------------------------------
# The landing page of the app
# ---------------------------------------------------------------------------------------------------------------


def _periode_saya(me, terbuka):
    """Per open period: the pegawai's SKP the period evaluates, each with its evaluation or ``None``."""
    hasil = []
    for periode in terbuka:
        skp = skp_periode_banyak([me.pk], periode).get(me.pk, [])
        evaluasi = {e.skp_id: e for e in Evaluasi.objects.filter(periode=periode, pegawai=me)}
        hasil.append((periode, [(s, evaluasi.get(s.pk)) for s in skp]))
    return hasil


@login_required
def index(request):
    """A pegawai's evaluations per open period (with "Siapkan evaluasi" for an SKP not prepared yet) and their
    earlier ones; an atasan's team sheet per open period; admin BKPSDM's sheet of the evaluations the kepala
    daerah rates."""
    me = pegawai_of(request.user)
    admin_bkpsdm = peran_of(request.user).admin_bkpsdm
    if me is None and not admin_bkpsdm:
        raise Http404
    terbuka = list(periode_terbuka().order_by("-tanggal_selesai", "jenis"))
    konteks = {"terbuka": terbuka, "admin_bkpsdm": admin_bkpsdm, "me": me}
    if me is not None:
        konteks["periode_saya"] = _periode_saya(me, terbuka)
        tim = []
        for p in terbuka:
            n = bawahan_langsung(me, p.tanggal_selesai).count()
            if n or Evaluasi.objects.filter(periode=p, penilai=me).exists():
                tim.append((p, n))
        konteks["tim"] = tim
        konteks["page_obj"] = paginate(
            request,
            Evaluasi.objects.filter(pegawai=me)
            .exclude(periode__in=terbuka)
            .select_related("periode", "skp__jabatan")
            .order_by("-periode__tanggal_selesai", "-pk"),
            per_page=12,
        )
    return render(request, "penilaian/evaluasi_index.html", konteks)


@butuh_pegawai
@require_POST
def siapkan(request, me):
    """Prepare the pegawai's evaluation of one SKP for an open period (creating it is the only write of the
    landing page, so it is a button, never a side effect of opening the page)."""
    form = SiapkanForm(request.POST)
    if not form.is_valid():
        raise Http404
    periode = get_object_or_404(periode_terbuka(), pk=form.cleaned_data["periode"])
    skp = get_object_or_404(Skp.objects.filter(pegawai=me), pk=form.cleaned_data["skp"])
    try:
        evaluasi = evaluasi_siapkan(pegawai=me, skp=skp, periode=periode)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("penilaian:index")
    return redirect("penilaian:evaluasi", pk=evaluasi.pk)


# ---------------------------------------------------------------------------------------------------------------
# One evaluation
# ---------------------------------------------------------------------------------------------------------------


def _ambil(request, pk: int) -> Evaluasi:
    return get_object_or_404(
        evaluasi_visible_to(request.user).select_related(
            "periode", "pegawai__jabatan__unit_kerja", "penilai__jabatan", "skp__jabatan__unit_kerja"
        ),
        pk=pk,
    )


def _boleh_ubah(request, evaluasi: Evaluasi) -> bool:
    me = pegawai_of(request.user)
    return (
        me is not None
        and me.pk == evaluasi.pegawai_id
        and evaluasi.status == StatusEvaluasi.DRAFT
        and not evaluasi.periode.ditutup
    )


def _kartu(b, boleh_ubah: bool, gagal: dict | None = None) -> dict:
    """The context of one RHK card; ``gagal`` holds the refused form of this card (``realisasi`` or ``bukti``)."""
    gagal = gagal or {}
    er = b.evaluasi_rhk
    kartu = {"b": b, "er": er, "boleh_ubah": boleh_ubah}
    if boleh_ubah:
        kartu["form_realisasi"] = gagal.get("realisasi") or RealisasiForm(
            initial={"realisasi": er.realisasi, "alasan": er.alasan_ubah}, auto_id=f"id_r{er.pk}_%s"
        )
        kartu["form_bukti"] = gagal.get("bukti") or BuktiEvaluasiForm(auto_id=f"id_b{er.pk}_%s")
    return kartu


def halaman_evaluasi(request, evaluasi: Evaluasi, *, gagal: dict | None = None, form_buka=None, status: int = 200):
    """The evaluation page; ``gagal`` = ``{EvaluasiRhk id: {"realisasi"|"bukti": refused form}}``."""
    gagal = gagal or {}
    boleh_ubah = _boleh_ubah(request, evaluasi)
    kartu = [_kartu(b, boleh_ubah, gagal.get(b.evaluasi_rhk.pk)) for b in bukti_per_rhk(evaluasi)]
    me = pegawai_of(request.user)
    sebelumnya = []
    if evaluasi.periode.tahunan:
        terlihat = evaluasi_visible_to(request.user).values("pk")
        sebelumnya = list(evaluasi_sebelumnya(evaluasi).filter(pk__in=terlihat))
    dinilai = evaluasi.status != StatusEvaluasi.DRAFT
    konteks = {
        "e": evaluasi,
        "kartu": kartu,
        "boleh_ubah": boleh_ubah,
        "pemilik": me is not None and me.pk == evaluasi.pegawai_id,
        "boleh_nilai": boleh_menilai(request.user, evaluasi),
        "boleh_buka": evaluasi.final and peran_of(request.user).admin_bkpsdm and not evaluasi.periode.ditutup,
        "form_buka": form_buka or AlasanForm(auto_id="id_buka_%s"),
        "dinilai": dinilai,
        "perilaku": [u for u in evaluasi.perilaku.select_related("perilaku").order_by("perilaku__urutan") if u.teks],
        "riwayat": list(evaluasi.riwayat.order_by("-waktu", "-pk")),
        "sebelumnya": sebelumnya,
        "atasan_penilai": atasan_langsung(evaluasi.penilai, evaluasi.tanggal) if evaluasi.penilai else None,
    }
    return render(request, "penilaian/evaluasi_detail.html", konteks, status=status)


@login_required
def evaluasi(request, pk: int):
    return halaman_evaluasi(request, _ambil(request, pk))


def _milik(request, me, qs_model, pk: int, path: str):
    """An object of the login's own evaluation (their own reach: anything else 404)."""
    sendiri = evaluasi_visible_to(request.user).filter(pegawai=me).values("pk")
    return get_object_or_404(qs_model.objects.filter(**{f"{path}__in": sendiri}), pk=pk)


def _jawab_kartu(request, er: EvaluasiRhk, *, pesan: str = "", gagal: dict | None = None, galat=None):
    """After an edit of one RHK: the card again (htmx), or the page (422 with the refused form, else a redirect
    to the card). ``galat`` is a refusal without a form (deleting evidence)."""
    evaluasi = _ambil(request, er.evaluasi_id)
    status = REFUSED_STATUS if gagal or galat else 200
    if request.htmx:
        b = next(b for b in bukti_per_rhk(evaluasi) if b.evaluasi_rhk.pk == er.pk)
        konteks = _kartu(b, _boleh_ubah(request, evaluasi), gagal)
        konteks.update({"e": evaluasi, "pesan": pesan, "galat": galat})
        return render(request, "penilaian/_evaluasi_rhk.html", konteks, status=status)
    if gagal:
        return halaman_evaluasi(request, evaluasi, gagal={er.pk: gagal}, status=status)
    if galat is not None:
        messages.error(request, galat.message)
    else:
        messages.success(request, pesan)
    return redirect(f"{reverse('penilaian:evaluasi', args=[evaluasi.pk])}#rhk-{er.pk}")


@butuh_pegawai
@require_POST
def realisasi(request, me, pk: int):
    """The pegawai states the realisasi of one RHK (with a reason when it differs from the activities)."""
    er = _milik(request, me, EvaluasiRhk, pk, "evaluasi")
    form = RealisasiForm(request.POST, auto_id=f"id_r{er.pk}_%s")
    if form.is_valid():
        try:
            realisasi_ubah(
                actor=request.user,
                evaluasi_rhk=er,
                realisasi=form.cleaned_data["realisasi"],
                alasan=form.cleaned_data["alasan"],
            )
        except DomainError as exc:
            add_to_form(form, exc)
    if form.errors:
        return _jawab_kartu(request, er, gagal={"realisasi": form})
    return _jawab_kartu(request, er, pesan=_("Realisasi disimpan."))


@butuh_pegawai
@require_POST
def perbarui(request, me, pk: int):
    """Refresh the suggested realisasi from the activities approved since."""
    evaluasi = _milik(request, me, Evaluasi, pk, "pk")
    try:
        evaluasi_perbarui_saran(actor=request.user, evaluasi=evaluasi)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Realisasi diperbarui dari aktivitas yang sudah disetujui."))
    return redirect("penilaian:evaluasi", pk=evaluasi.pk)


@butuh_pegawai
@require_POST
def bukti_tambah(request, me, pk: int):
    """Add a file or a link to one RHK of the pegawai's own draft evaluation."""
    er = _milik(request, me, EvaluasiRhk, pk, "evaluasi")
    form = BuktiEvaluasiForm(request.POST, request.FILES, auto_id=f"id_b{er.pk}_%s")
    if form.is_valid():
        try:
            bukti_evaluasi_tambah(
                actor=request.user,
                evaluasi_rhk=er,
                berkas=form.cleaned_data["berkas"],
                url=form.cleaned_data["url"],
                judul=form.cleaned_data["judul"],
            )
        except DomainError as exc:
            add_to_form(form, exc)
    if form.errors:
        return _jawab_kartu(request, er, gagal={"bukti": form})
    return _jawab_kartu(request, er, pesan=_("Bukti dukung ditambahkan."))


@butuh_pegawai
@require_POST
def bukti_hapus(request, me, pk: int):
    bukti = _milik(request, me, BuktiEvaluasi, pk, "evaluasi_rhk__evaluasi")
    er = bukti.evaluasi_rhk
    try:
        bukti_evaluasi_hapus(actor=request.user, bukti=bukti)
    except DomainError as exc:
        return _jawab_kartu(request, er, galat=exc)
    return _jawab_kartu(request, er, pesan=_("Bukti dukung dihapus."))


# ---------------------------------------------------------------------------------------------------------------
# Files: served only through these views
# ---------------------------------------------------------------------------------------------------------------


def _kirim(berkas, *, nama: str, tipe: str, lampiran: bool) -> FileResponse:
    response = FileResponse(berkas, as_attachment=lampiran, filename=nama, content_type=tipe)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def bukti_berkas(request, pk: int):
    """An evidence file the pegawai added, to whoever may open the evaluation; always an attachment with the
    content type the content check stored. A download by anyone but the pegawai is in the access log."""
    bukti = get_object_or_404(
        BuktiEvaluasi.objects.filter(evaluasi_rhk__evaluasi__in=evaluasi_visible_to(request.user).values("pk"))
        .exclude(berkas="")
        .select_related("evaluasi_rhk__evaluasi__pegawai", "evaluasi_rhk__evaluasi__periode"),
        pk=pk,
    )
    try:
        berkas = bukti.berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    evaluasi = bukti.evaluasi_rhk.evaluasi
    me = pegawai_of(request.user)
    if me is None or me.pk != evaluasi.pegawai_id:
        catat_akses(
            user=request.user,
            jenis=JenisAkses.UNDUH,
            objek=_("Bukti dukung evaluasi %(periode)s: %(nama)s")
            % {"periode": evaluasi.periode.nama, "nama": bukti.nama_asli},
            pegawai=evaluasi.pegawai,
            request=request,
        )
    return _kirim(berkas, nama=bukti.nama_asli or "bukti", tipe=bukti.tipe_konten, lampiran=True)


@login_required
def gambar(request, pk: int):
    """The image of the feedback on one RHK, shown inline on the evaluation and rating pages."""
    er = get_object_or_404(
        EvaluasiRhk.objects.filter(evaluasi__in=evaluasi_visible_to(request.user).values("pk")).exclude(gambar=""),
        pk=pk,
    )
    try:
        berkas = er.gambar.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return _kirim(berkas, nama=f"umpan-balik-{er.pk}", tipe=er.gambar_tipe, lampiran=False)
