"""Forms of the daily activity pages. They only parse what the browser sent; every rule (RHK of an approved SKP,
overlaps, entry window, month lock, evidence content) is checked by ``kinerja.services``, and a view puts the
service's refusal on the form with :func:`portal.errors.add_to_form`."""

from __future__ import annotations

from collections.abc import Iterable

from crispy_forms.layout import HTML, Column, Div, Field, Row
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pegawai.models import Pegawai
from pegawai.nip import normalize_nip
from portal.forms import (
    TANGGAL_PALING_AKHIR,
    TANGGAL_PALING_AWAL,
    BootstrapMixin,
    BulanField,
    DaftarIdField,
    Details,
    TanggalField,
    form_helper,
    formfield_portal,
)
from skp.choices import JenisRhk
from skp.models import RencanaHasilKerja

from . import rules
from .choices import HariKerjaPerMinggu, JenisLibur, KategoriAktivitas, PeriodeRealisasi, StatusAktivitas
from .models import Aktivitas, PengaturanKinerja, RealisasiDinyatakan

#: What the page offers for the evidence inputs (the service decides by content anyway).
TERIMA_BERKAS = "image/*,application/pdf,.pdf,.jpg,.jpeg,.png,.docx,.xlsx"
#: Satuan suggested in the entry form besides those of the pegawai's IKI.
SATUAN_UMUM = ("kegiatan", "dokumen", "laporan", "berkas", "surat", "data", "orang", "layanan", "rapat")

_PREFIKS_RHK = "rhk-"

_VOLUME = Aktivitas._meta.get_field("volume")
_PESAN_VOLUME = format_lazy(
    _("Volume keluaran paling banyak {depan} angka sebelum koma dan {belakang} angka sesudahnya."),
    depan=_VOLUME.max_digits - _VOLUME.decimal_places,
    belakang=_VOLUME.decimal_places,
)


class TimeInput(forms.TimeInput):
    """The browser's own time picker; it sends ``HH:MM``."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class TeksBebas(forms.CharField):
    """Free text with a limit (:data:`kinerja.rules.MAKS_URAIAN` and the like) that the page counts down beside
    the field (``data-maks``, static/js/kinerja.js) instead of cutting: the browser's own ``maxlength`` would drop
    the end of a pasted text without a word, so the field takes what is typed and the limit is explained — here
    and again by the service, which decides."""

    def __init__(self, *, maks: int, nama, **kwargs):
        super().__init__(max_length=maks, **kwargs)
        self.nama = nama
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def to_python(self, value):
        value = value.replace("\r\n", "\n") if isinstance(value, str) else value
        return super().to_python(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-maks"] = str(self.max_length)
        return attrs

    def validate(self, value):
        super().validate(value)
        if pesan := rules.pesan_terlalu_panjang(value or "", self.max_length, str(self.nama)):
            raise forms.ValidationError(pesan, code="max_length")


class _Form(forms.Form):
    def add_error(self, field, error):
        """A message for a hidden field (the quick form's date) is shown above the form, where it can be read."""
        if field is not None and field in self.fields and self.fields[field].widget.is_hidden:
            field = None
        super().add_error(field, error)


class WidgetForm(BootstrapMixin, forms.Form):
    """A form whose page renders bare widgets (a filter bar, a select inside a table row) instead of
    ``{% crispy %}``: the widgets carry their Bootstrap classes themselves."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class _BuktiField(Field):
    """One evidence input, compact: a small label with a Bootstrap icon (kinerja/_field_bukti.html)."""

    template = "kinerja/_field_bukti.html"

    def __init__(self, name: str, ikon: str):
        super().__init__(name)
        self.ikon = ikon

    def render(self, form, context, template_pack=TEMPLATE_PACK, extra_context=None, **kwargs):
        extra_context = {**(extra_context or {}), "ikon": self.ikon}
        return super().render(form, context, template_pack, extra_context=extra_context, **kwargs)


#: The evidence inputs, in the quick entry form and under an activity being edited.
_BUKTI = (
    Row(
        Column(_BuktiField("foto", "camera"), css_class="col-sm-6"),
        Column(_BuktiField("berkas", "paperclip"), css_class="col-sm-6"),
        Column(_BuktiField("tautan", "link-45deg"), css_class="col-12"),
        css_class="g-2",
    ),
    HTML('{% include "kinerja/_bukti_keterangan.html" %}'),
)

#: The activity itself; the alasan is shown by static/js/kinerja.js only for an entry outside the RHK.
_AKTIVITAS = (
    "tanggal",
    "pilihan",
    Div("alasan_kategori", data_alasan=True),
    "uraian",
    Row(
        Column("jam_mulai", css_class="col-6"),
        Column("jam_selesai", css_class="col-6"),
        Column("volume", css_class="col-4"),
        Column(Field("satuan", template="kinerja/_field_satuan.html"), css_class="col-8"),
        css_class="g-2",
    ),
)


class HariForm(forms.Form):
    """The day a page or an action is about (``?tanggal=``, or the form's hidden date)."""

    tanggal = TanggalField(required=False)


class TahunForm(forms.Form):
    """The year of a yearly list (``?tahun=``)."""

    tahun = forms.IntegerField(required=False, min_value=TANGGAL_PALING_AWAL.year, max_value=TANGGAL_PALING_AKHIR.year)


class ProgresForm(forms.Form):
    """The month of the progress page and whether the realisasi is the month's or the year's."""

    bulan = BulanField(required=False)
    periode = forms.ChoiceField(choices=PeriodeRealisasi.choices, required=False)


def label_rhk(rhk: RencanaHasilKerja) -> str:
    return rhk.teks


class AktivitasForm(_Form):
    """One activity. The RHK and the two categories outside the SKP are one drop-down (``pilihan``), so a routine
    entry is three actions: pick the RHK, type what was done, save — the times are already filled in."""

    domain_error_fields = {"rhk": "pilihan", "kategori": "pilihan"}
    helper = form_helper(*_AKTIVITAS, "lokasi")

    tanggal = TanggalField(label=_("Tanggal"))
    pilihan = forms.ChoiceField(label=_("Rencana hasil kerja (RHK)"), required=False)
    alasan_kategori = TeksBebas(
        maks=rules.MAKS_ALASAN,
        nama=_("Alasan di luar RHK"),
        label=_("Alasan di luar RHK"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib untuk tugas tambahan atau lainnya, mis. nomor surat perintah atasan."),
    )
    uraian = TeksBebas(
        maks=rules.MAKS_URAIAN,
        nama=_("Uraian aktivitas"),
        label=_("Uraian aktivitas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("Apa yang Anda kerjakan?")}),
    )
    jam_mulai = forms.TimeField(label=_("Mulai"), required=False, widget=TimeInput())
    jam_selesai = forms.TimeField(label=_("Selesai"), required=False, widget=TimeInput())
    # A number as the column holds it; "2,5" and "2.5" both read as two and a half (localize). Zero or less is the
    # service's to refuse, with the other fields' messages.
    volume = forms.DecimalField(
        label=_("Volume"),
        required=False,
        max_digits=_VOLUME.max_digits,
        decimal_places=_VOLUME.decimal_places,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": _("Volume keluaran harus berupa angka lebih dari nol."),
            **dict.fromkeys(("max_digits", "max_decimal_places", "max_whole_digits"), _PESAN_VOLUME),
        },
    )
    satuan = forms.CharField(label=_("Satuan"), required=False, max_length=50)
    lokasi = forms.CharField(label=_("Lokasi"), required=False, max_length=255)

    def __init__(self, *args, rhk: Iterable[RencanaHasilKerja] = (), tanggal_tersembunyi: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rhk = {r.pk: r for r in rhk}
        utama = [(f"{_PREFIKS_RHK}{r.pk}", label_rhk(r)) for r in self.rhk.values() if r.jenis != JenisRhk.TAMBAHAN]
        tambahan = [(f"{_PREFIKS_RHK}{r.pk}", label_rhk(r)) for r in self.rhk.values() if r.jenis == JenisRhk.TAMBAHAN]
        lain = [
            (KategoriAktivitas.TUGAS_TAMBAHAN.value, str(KategoriAktivitas.TUGAS_TAMBAHAN.label)),
            (KategoriAktivitas.LAINNYA.value, str(KategoriAktivitas.LAINNYA.label)),
        ]
        pilihan = [("", _("— Pilih RHK yang didukung —"))]
        if utama:
            pilihan.append((_("RHK utama"), utama))
        if tambahan:
            pilihan.append((_("RHK tambahan"), tambahan))
        pilihan.append((_("Di luar RHK SKP"), lain))
        self.fields["pilihan"].choices = pilihan
        # The satuan of each RHK's first IKI, for the page script to fill in when the RHK is picked: realisasi
        # counts volume per IKI satuan.
        self.satuan_rhk = {f"{_PREFIKS_RHK}{r.pk}": r.satuan_iki or "" for r in self.rhk.values()}
        self.fields["pilihan"].widget.attrs["data-satuan-rhk"] = "1"
        self.saran_satuan = sorted({s for s in self.satuan_rhk.values() if s} | set(SATUAN_UMUM))
        # Suggestions in a <datalist> (kinerja/_field_satuan.html); the page script finds the input by data-satuan.
        self.fields["satuan"].widget.attrs.update(
            {"list": f"{self['satuan'].auto_id}_saran", "autocomplete": "off", "data-satuan": True}
        )
        if tanggal_tersembunyi:
            self.fields["tanggal"].widget = forms.HiddenInput()

    def isi(self) -> dict:
        """The cleaned fields as keyword arguments of :func:`kinerja.services.aktivitas.aktivitas_buat` / ``_ubah``."""
        data = self.cleaned_data
        pilihan = data.get("pilihan") or ""
        if pilihan.startswith(_PREFIKS_RHK):
            kategori = KategoriAktivitas.RHK
            rhk = self.rhk.get(int(pilihan.removeprefix(_PREFIKS_RHK)))
        elif pilihan:
            kategori, rhk = pilihan, None
        else:
            kategori, rhk = KategoriAktivitas.RHK, None
        return {
            "tanggal": data.get("tanggal"),
            "kategori": kategori,
            "rhk": rhk,
            "alasan_kategori": data.get("alasan_kategori", ""),
            "uraian": data.get("uraian", ""),
            "jam_mulai": data.get("jam_mulai") or "",
            "jam_selesai": data.get("jam_selesai") or "",
            "volume": data.get("volume"),
            "satuan": data.get("satuan", ""),
            "lokasi": data.get("lokasi", ""),
        }

    @staticmethod
    def awal_dari(aktivitas) -> dict:
        """Initial values that show an existing activity."""
        from .templatetags.kinerja_tags import volume

        return {
            "tanggal": aktivitas.tanggal,
            "pilihan": f"{_PREFIKS_RHK}{aktivitas.rhk_id}" if aktivitas.rhk_id else aktivitas.kategori,
            "alasan_kategori": aktivitas.alasan_kategori,
            "uraian": aktivitas.uraian,
            "jam_mulai": aktivitas.jam_mulai,
            "jam_selesai": aktivitas.jam_selesai,
            "volume": volume(aktivitas.volume),
            "satuan": aktivitas.satuan,
            "lokasi": aktivitas.lokasi,
        }


class BuktiForm(_Form):
    """Evidence: a photo from the phone's camera, a file, and/or a link."""

    helper = form_helper(*_BUKTI)

    foto = forms.FileField(
        label=_("Foto dari kamera"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    berkas = forms.FileField(
        label=_("Berkas (PDF, JPG, PNG, DOCX, XLSX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": TERIMA_BERKAS}),
    )
    tautan = forms.CharField(
        label=_("Tautan"),
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )

    def add_error(self, field, error):
        # The service checks the files of both inputs as "berkas": a message about a photo from the camera shows
        # under the camera input. Only a service's message (a str) is moved; the fields' own validation errors
        # (ValidationError) stay where Django put them.
        if field == "berkas" and isinstance(error, str) and self.cleaned_data.get("foto"):
            if not self.cleaned_data.get("berkas"):
                field = "foto"
        super().add_error(field, error)

    def daftar_berkas(self) -> list:
        return [f for f in (self.cleaned_data.get("foto"), self.cleaned_data.get("berkas")) if f]


class AktivitasBaruForm(AktivitasForm, BuktiForm):
    """The quick entry form: an activity and, optionally, its evidence in the same submit."""

    helper = form_helper(
        *_AKTIVITAS,
        Details(_("Lokasi dan bukti dukung (opsional)"), "lokasi", *_BUKTI, css_class="tambahan mb-3"),
    )


class TolakForm(_Form):
    """The atasan's catatan on a decision. With ``prefix`` (the activity's pk) the field is ``catatan-<pk>``: the
    queue is one form around every row, so each row's catatan carries its activity in its name, and the detail
    page sends the same name."""

    helper = form_helper("catatan")

    catatan = TeksBebas(
        maks=rules.MAKS_CATATAN,
        nama=_("Catatan untuk pegawai"),
        label=_("Catatan untuk pegawai"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def add_prefix(self, field_name):
        return f"{field_name}-{self.prefix}" if self.prefix else field_name


class PilihAktivitasForm(forms.Form):
    """The rows ticked in the queue for one bulk approval."""

    pilih = DaftarIdField(required=False)


STATUS_ANTRIAN = [
    (StatusAktivitas.DIAJUKAN.value, _("Menunggu verifikasi")),
    ("semua", _("Semua status")),
    (StatusAktivitas.DISETUJUI.value, _("Disetujui")),
    (StatusAktivitas.DITOLAK.value, _("Ditolak")),
]


class AntrianFilterForm(WidgetForm):
    """Filters of the atasan's queue. Without dates it shows the open window (last month and this month)."""

    pegawai = forms.ModelChoiceField(
        label=_("Pegawai"), queryset=Pegawai.objects.none(), required=False, empty_label=_("Semua bawahan")
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_ANTRIAN, required=False)
    dari = TanggalField(label=_("Dari tanggal"), required=False)
    sampai = TanggalField(label=_("Sampai tanggal"), required=False)

    def __init__(self, *args, pegawai_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pegawai_qs is not None:
            self.fields["pegawai"].queryset = pegawai_qs
        self.fields["pegawai"].label_from_instance = lambda p: p.nama_lengkap

    def clean(self):
        data = super().clean()
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and sampai < dari:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


# ---------------------------------------------------------------------------------------------------------------
# Admin pages
# ---------------------------------------------------------------------------------------------------------------


class PengaturanForm(forms.ModelForm):
    """Renders and parses the settings; :func:`kinerja.services.kelola.pengaturan_ubah` saves them."""

    class Meta:
        model = PengaturanKinerja
        fields = [
            "menit_efektif_minimum",
            "batas_hari_entri",
            "kebijakan_terlambat",
            "batas_verifikasi_hari_kerja",
            "maks_unggah_mb",
            "hari_kerja_per_minggu",
            "simpan_langsung_ajukan",
        ]
        formfield_callback = formfield_portal

    helper = form_helper(*Meta.fields)


class HariLiburForm(_Form):
    helper = form_helper("tanggal", "nama", "jenis")

    tanggal = TanggalField(label=_("Tanggal"))
    nama = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisLibur.choices, initial=JenisLibur.LIBUR_NASIONAL)


PILIHAN_HARI_KERJA = [("", _("Ikuti unit induk"))] + [(str(v), label) for v, label in HariKerjaPerMinggu.choices]


class HariKerjaForm(WidgetForm):
    hari_kerja_per_minggu = forms.ChoiceField(
        label=_("Hari kerja per minggu"), choices=PILIHAN_HARI_KERJA, required=False
    )

    def nilai(self) -> int | None:
        v = self.cleaned_data.get("hari_kerja_per_minggu")
        return int(v) if v else None


class BukaKunciForm(_Form):
    """Reopen one pegawai-month: the pegawai by NIP (as printed, spaces allowed), the month, the reason, until."""

    helper = form_helper("nip", "bulan", "alasan", "sampai")

    nip = forms.CharField(label=_("NIP pegawai"), max_length=40, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    bulan = BulanField(label=_("Bulan yang dibuka"), help_text=_("Bulan aktivitas yang sudah terkunci."))
    alasan = TeksBebas(
        maks=rules.MAKS_ALASAN,
        nama=_("Alasan"),
        label=_("Alasan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sampai = TanggalField(label=_("Dibuka sampai"), help_text=_("Termasuk tanggal ini."))

    def __init__(self, *args, pegawai_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pegawai_qs = pegawai_qs if pegawai_qs is not None else Pegawai.objects.none()

    def clean_nip(self):
        nip = normalize_nip(self.cleaned_data["nip"])
        pegawai = self.pegawai_qs.filter(nip=nip).first()
        if pegawai is None:
            raise forms.ValidationError(_("Tidak ada pegawai dengan NIP ini di perangkat daerah yang Anda kelola."))
        return pegawai


class RealisasiForm(_Form):
    """The realisasi of an IKI that is stated, not summed, for one month: the value, a short explanation and the
    evidence. Parsed and checked by :func:`kinerja.services.realisasi.realisasi_nyatakan` (its messages are keyed
    by these field names)."""

    helper = form_helper(
        Row(Column("nilai", css_class="col-sm-4"), Column("bukti", css_class="col-sm-8"), css_class="g-2"),
        "penjelasan",
    )

    nilai = forms.CharField(
        label=_("Realisasi"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    bukti = forms.CharField(
        label=_("Bukti dukung"),
        required=False,
        max_length=2000,
        help_text=_("Tautan (https://…) atau rujukan tempat bukti disimpan, mis. nomor dan tanggal dokumen."),
    )
    penjelasan = forms.CharField(
        label=_("Penjelasan singkat"),
        required=False,
        max_length=rules.MAKS_PENJELASAN,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("Bagaimana realisasi ini dicapai dan diukur?")}),
    )

    def __init__(self, *args, satuan: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if satuan:
            self.fields["nilai"].label = _("Realisasi (%(satuan)s)") % {"satuan": satuan}

    @staticmethod
    def awal_dari(realisasi: RealisasiDinyatakan | None) -> dict:
        """Initial values that show an earlier statement of the same month, to correct it."""
        if realisasi is None:
            return {}
        from .templatetags.kinerja_tags import volume

        return {"nilai": volume(realisasi.nilai), "bukti": realisasi.bukti, "penjelasan": realisasi.penjelasan}
