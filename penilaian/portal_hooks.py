"""What the evaluation app shows on the platform's pages: the landing-page block (the pegawai's evaluations in open
periods, the atasan's bawahan still to rate), its chapter of the guide and its entry in the guide's menu list.
Called once from :meth:`penilaian.apps.PenilaianConfig.ready`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pegawai.akses import pegawai_of
from pegawai.atasan import id_bawahan_langsung_pada
from portal import registry
from portal.registry import BerandaPanel, PanduanBagian, PanduanIsi

from . import rules
from .choices import CapaianOrganisasi, Predikat, Rating, StatusEvaluasi
from .models import Evaluasi
from .selectors.evaluasi import skp_periode_banyak
from .selectors.periode import periode_terbuka
from .selectors.tim import tim_penilaian


def beranda_penilaian(request) -> dict | None:
    """Per open period: the pegawai's evaluations (or that one can be prepared) and, for an atasan, how many of
    their bawahan are not rated yet. Nothing when no period is open or the login is no pegawai."""
    me = pegawai_of(request.user)
    if me is None:
        return None
    terbuka = list(periode_terbuka().order_by("-tanggal_selesai", "jenis"))
    if not terbuka:
        return None
    milik = {(e.periode_id, e.skp_id): e for e in Evaluasi.objects.filter(pegawai=me, periode__in=terbuka)}
    # The team sheet of each period asks who the bawahan are on its last day: all the days in one statement,
    # remembered for the request (one query per open period otherwise, on every login's first page).
    id_bawahan_langsung_pada(me, [periode.tanggal_selesai for periode in terbuka])
    saya, tim = [], []
    for periode in terbuka:
        for skp in skp_periode_banyak([me.pk], periode).get(me.pk, []):
            saya.append((periode, milik.get((periode.pk, skp.pk))))
        rows = tim_penilaian(me, periode)
        if rows:
            belum = sum(1 for r in rows if r.keadaan not in (StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL))
            tim.append((periode, len(rows), belum))
    if not saya and not tim:
        return None
    return {"saya": saya, "tim": tim}


def angka_panduan_penilaian() -> dict:
    """The predikat matrix and the curve patterns as the guide prints them (from :mod:`penilaian.rules`)."""
    kolom = [Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS]
    return {
        "penilaian_matriks_kolom": [r.label for r in kolom],
        "penilaian_matriks": [
            (hasil.label, [rules.predikat(hasil, perilaku).label for perilaku in kolom])
            for hasil in (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)
        ],
        "penilaian_pola": [(c.label, rules.pola_kurva(c)) for c in CapaianOrganisasi],
        "penilaian_predikat": [p.label for p in Predikat],
    }


def register() -> None:
    # After the SKP to decide (skp, 8), before the identity card (pegawai, 10).
    registry.beranda_panel(BerandaPanel("penilaian/_beranda.html", context=beranda_penilaian, urutan=9))
    registry.panduan_bagian(
        PanduanBagian("penilaian", _("Penilaian kinerja"), "penilaian/panduan/penilaian.html", urutan=85)
    )
    registry.panduan_isi(PanduanIsi("menu", "penilaian/panduan/menu.html", urutan=35))
    registry.panduan_konteks(angka_panduan_penilaian)
