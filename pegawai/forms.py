"""Forms of the pegawai pages. Each form rendered with ``{% crispy form %}`` declares its layout here
(portal/forms.py); the rules of a Plt/Plh live in ``pegawai.services`` and come back as field errors."""

from itertools import groupby

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Column, Row
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.choices import JenisAkses
from portal.forms import IdField, TanggalField, form_helper

from .akses import jabatan_managed_by, pegawai_managed_by
from .choices import JenisJabatan, JenisPenugasan
from .impor.berkas import ImportFileError, max_upload_bytes, read_dataset
from .models import Jabatan, Pegawai
from .nip import normalize_nip


class NipLoginForm(AuthenticationForm):
    """Login by NIP; the spaces printed inside a NIP are accepted. The page shows the refused login itself."""

    helper = form_helper("username", "password")

    username = forms.CharField(
        label=_("NIP"),
        max_length=40,
        widget=forms.TextInput(attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "username"}),
        # No-break spaces keep the example NIP on one line on a narrow phone.
        help_text=_(
            "18 angka. Boleh diketik dengan spasi seperti tercetak, mis.\u00a019630408\u00a0199203\u00a01\u00a0004."
        ),
    )

    error_messages = {
        "invalid_login": _("NIP atau kata sandi salah. Periksa kembali lalu coba lagi."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin kepegawaian OPD Anda."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Kata sandi")
        self.fields["username"].error_messages["required"] = _("Isi NIP Anda.")
        self.fields["password"].error_messages["required"] = _("Isi kata sandi Anda.")

    def clean_username(self):
        return normalize_nip(self.cleaned_data["username"])


class JabatanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Jabatan) -> str:
        unit = obj.unit_kerja
        return f"{obj.nama} — {unit.nama} ({unit.perangkat_daerah.singkatan or unit.perangkat_daerah.nama})"


class PenugasanForm(forms.Form):
    """Input for a Plt/Plh assignment. Only the shape of the input is checked here; the rules (dates, overlap,
    own position, scope) live in ``services.penugasan_buat`` / ``penugasan_ubah`` and come back as field
    errors."""

    helper = form_helper(
        "pegawai_nip",
        "jabatan",
        InlineRadios("jenis"),
        Row(Column("tanggal_mulai", css_class="col-sm-6"), Column("tanggal_selesai", css_class="col-sm-6")),
        "nomor_sk",
    )

    pegawai_nip = forms.CharField(
        label=_("NIP pegawai yang ditugaskan"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Boleh diketik dengan spasi. Hanya pegawai aktif di perangkat daerah yang Anda kelola."),
    )
    jabatan = JabatanChoiceField(
        label=_("Jabatan yang dirangkap"),
        queryset=Jabatan.objects.none(),
        empty_label=_("— pilih jabatan —"),
        help_text=_("Hanya jabatan pimpinan (JPT, administrator, pengawas)."),
        error_messages={
            "invalid_choice": _(
                "Jabatan ini tidak dapat dipilih: hanya jabatan pimpinan yang aktif di perangkat daerah yang Anda "
                "kelola."
            )
        },
    )
    jenis = forms.ChoiceField(
        label=_("Jenis penugasan"),
        choices=JenisPenugasan.choices,
        initial=JenisPenugasan.PLT,
        widget=forms.RadioSelect,
        help_text=_("Plt untuk jabatan yang kosong; Plh bila pejabatnya berhalangan sementara."),
    )
    tanggal_mulai = TanggalField(label=_("Tanggal mulai"))
    tanggal_selesai = TanggalField(label=_("Tanggal selesai"))
    nomor_sk = forms.CharField(label=_("Nomor surat perintah / SK"), max_length=100, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["jabatan"].queryset = (
            jabatan_managed_by(actor)
            .filter(aktif=True, jenis__in=[JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS])
            .select_related("unit_kerja__perangkat_daerah")
            .order_by("unit_kerja__perangkat_daerah__nama", "unit_kerja__nama", "nama")
        )

    def clean_pegawai_nip(self) -> Pegawai:
        nip = normalize_nip(self.cleaned_data["pegawai_nip"])
        pegawai = pegawai_managed_by(self.actor).filter(nip=nip).select_related("jabatan").first()
        if pegawai is None:
            raise forms.ValidationError(_("NIP ini tidak ditemukan di antara pegawai yang Anda kelola."))
        return pegawai


class DaftarFilterForm(forms.Form):
    """The search box and status tabs of a list page (Plt/Plh, delegations); ``status_choices`` are the page's
    tabs. A value that is not valid is ignored (the page shows everything), as a hand-edited URL deserves."""

    q = forms.CharField(max_length=100, required=False)
    status = forms.ChoiceField(required=False)

    def __init__(self, *args, status_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", ""), *status_choices]

    def nilai(self) -> tuple[str, str]:
        """``(status, q)``: each valid value, else empty."""
        self.is_valid()
        return self.cleaned_data.get("status", ""), self.cleaned_data.get("q", "")


class PenilaiPeriksaForm(forms.Form):
    """The OPD and the tab of the page "Jabatan tanpa pejabat penilai"; an invalid value is ignored."""

    opd = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    bagian = forms.ChoiceField(choices=[("jabatan", "jabatan"), ("penetapan", "penetapan")], required=False)

    def __init__(self, *args, pilihan_opd: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].choices = [("", ""), *pilihan_opd]


# --- mutasi (views/mutasi.py; the rules are services/mutasi.py's) ------------------------------------------------


class _JabatanPerUnit(ModelChoiceIterator):
    """The positions as ``<optgroup>`` per unit kerja (and its OPD), so a long list reads like the organisation."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit, items in groupby(self.queryset, key=lambda j: j.unit_kerja):
            opd = unit.perangkat_daerah
            yield (f"{unit.nama} — {opd.singkatan or opd.nama}", [self.choice(j) for j in items])


class JabatanPerUnitField(forms.ModelChoiceField):
    iterator = _JabatanPerUnit

    def label_from_instance(self, obj: Jabatan) -> str:
        return f"{obj.nama} ({obj.get_jenis_display()})"


class MutasiForm(forms.Form):
    """A mutasi of one pegawai: the new position (only active ones the admin manages), its TMT and SK. The rules
    (a TMT after the current one, one definitive holder of a leadership position, scope) are
    :func:`pegawai.services.mutasi.pegawai_mutasi`'s and come back beside their fields."""

    helper = form_helper(
        "jabatan",
        Row(Column("tmt", css_class="col-sm-6"), Column("nomor_sk", css_class="col-sm-6")),
    )

    jabatan = JabatanPerUnitField(
        label=_("Jabatan baru"),
        queryset=Jabatan.objects.none(),
        empty_label=_("— pilih jabatan —"),
        widget=forms.Select(attrs={"data-saring": _("Cari jabatan atau unit kerja…")}),
        help_text=_("Dikelompokkan per unit kerja. Hanya jabatan aktif di perangkat daerah yang Anda kelola."),
        error_messages={
            "invalid_choice": _(
                "Jabatan ini tidak dapat dipilih: hanya jabatan aktif di perangkat daerah yang Anda kelola, selain "
                "jabatannya sekarang."
            )
        },
    )
    tmt = TanggalField(
        label=_("TMT jabatan"),
        help_text=_("Tanggal mulai memegang jabatan baru, sesuai SK. Jabatan lama berakhir sehari sebelumnya."),
    )
    nomor_sk = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)

    def __init__(self, *args, actor, pegawai: Pegawai, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("tmt", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].queryset = (
            jabatan_managed_by(actor)
            .filter(aktif=True)
            .exclude(pk=pegawai.jabatan_id)
            .select_related("unit_kerja__perangkat_daerah")
            .order_by("unit_kerja__perangkat_daerah__nama", "unit_kerja__nama", "unit_kerja_id", "nama")
        )


class UnitKerjaMandiriForm(forms.Form):
    """Admin BKPSDM's switch on a unit's page; who may change it is ``services.unit_kerja_atur_mandiri``'s rule."""

    helper = form_helper("mandiri")

    mandiri = forms.BooleanField(
        label=_("Unit kerja mandiri"),
        required=False,
        help_text=_(
            "Untuk unit yang berdiri sendiri, seperti kecamatan, UPT, atau rumah sakit daerah. Pimpinannya memakai SKP "
            "format JPT: RHK dari Perjanjian Kinerja atau Renstra unit, dengan perspektif. Berlaku untuk SKP yang "
            "dibuat sesudahnya."
        ),
    )


def _filter(*columns: tuple[str, str]) -> Row:
    """A filter bar: each field in its column, given as ``(name, column classes)``."""
    return Row(*(Column(name, css_class=css) for name, css in columns), css_class="g-2")


def jenis_data_diaudit() -> list[tuple[str, list[tuple[str, str]]]]:
    """The "Jenis data" choices of the audit page in the users' words: every model tracked with @tracked, in every
    app (later apps appear without a change here), named by its Indonesian verbose name and grouped under its
    app's name. capfirst, not str.capitalize(): that lowercases the rest ("SKP" → "Skp", "Plt/Plh" → "plt/plh")."""
    groups: dict = {}
    for model in apps.get_models():
        if getattr(model, "pgh_event_models", None):
            groups.setdefault(model._meta.app_config, []).append(
                (model._meta.label, capfirst(str(model._meta.verbose_name)))
            )
    return [
        (str(app.verbose_name), sorted(choices, key=lambda choice: choice[1].casefold()))
        for app, choices in groups.items()
    ]


#: Days of history the audit page shows when no start date is chosen (a city's year is millions of changes).
JENDELA_AUDIT_HARI = 30


class AuditFilterForm(forms.Form):
    """Filters of the audit trail. All optional; the view resolves NIP/username to objects."""

    helper = form_helper(
        _filter(
            ("nip", "col-12 col-md-6 col-xl-3"),
            ("aktor", "col-12 col-md-6 col-xl-3"),
            ("model", "col-8 col-md-5 col-xl-3"),
            ("objek_id", "col-4 col-md-3 col-xl-1"),
            ("label", "col-12 col-md-4 col-xl-2"),
            ("dari", "col-6 col-md-4 col-xl-2"),
            ("sampai", "col-6 col-md-4 col-xl-2"),
        )
    )

    LABEL_CHOICES = [
        # Short: the field's label says what is chosen, and the column is narrow.
        ("", _("Semua")),
        ("insert", _("Dibuat")),
        ("update", _("Diubah")),
        ("delete", _("Dihapus")),
    ]

    model = forms.ChoiceField(label=_("Jenis data"), choices=[], required=False)
    objek_id = IdField(label=_("ID data"), required=False, widget=forms.NumberInput)
    nip = forms.CharField(
        label=_("NIP pegawai"),
        max_length=40,
        required=False,
        help_text=_("Semua perubahan pada pegawai ini dan data yang merujuk kepadanya."),
    )
    aktor = forms.CharField(label=_("Diubah oleh (NIP/nama akun)"), max_length=40, required=False)
    label = forms.ChoiceField(label=_("Jenis perubahan"), choices=LABEL_CHOICES, required=False)
    dari = TanggalField(
        label=_("Dari tanggal"), required=False, help_text=_("Kosong: %(n)s hari terakhir.") % {"n": JENDELA_AUDIT_HARI}
    )
    sampai = TanggalField(label=_("Sampai tanggal"), required=False)
    # The position after the previous page (portal.audit.halaman_audit): an opaque signed token from its link.
    setelah = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("Semua jenis data")), *jenis_data_diaudit()]

    def clean_nip(self):
        return normalize_nip(self.cleaned_data["nip"])

    def clean_aktor(self):
        return normalize_nip(self.cleaned_data["aktor"])

    def clean(self):
        data = super().clean()
        if data.get("objek_id") and not data.get("model"):
            self.add_error("model", _("Pilih jenis data untuk ID tersebut."))
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


class AksesLogFilterForm(forms.Form):
    helper = form_helper(
        _filter(
            ("pengguna", "col-12 col-md-6 col-xl-3"),
            ("nip", "col-12 col-md-6 col-xl-3"),
            ("jenis", "col-12 col-md-4 col-xl-2"),
            ("dari", "col-6 col-md-4 col-xl-2"),
            ("sampai", "col-6 col-md-4 col-xl-2"),
        )
    )

    pengguna = forms.CharField(label=_("Pengguna (NIP/nama akun)"), max_length=40, required=False)
    nip = forms.CharField(label=_("Data milik (NIP)"), max_length=40, required=False)
    jenis = forms.ChoiceField(
        label=_("Jenis akses"), choices=[("", _("Semua"))] + list(JenisAkses.choices), required=False
    )
    dari = TanggalField(label=_("Dari tanggal"), required=False)
    sampai = TanggalField(label=_("Sampai tanggal"), required=False)

    def clean_pengguna(self):
        return normalize_nip(self.cleaned_data["pengguna"])

    def clean_nip(self):
        return normalize_nip(self.cleaned_data["nip"])

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


class KataSandiForm(PasswordChangeForm):
    """Django's password change laid out for ``{% crispy form %}``, in the portal's words (Django's translation
    says "sandi" and "bidang"); its rules come from AUTH_PASSWORD_VALIDATORS (pegawai/sandi.py). A login holding
    a temporary password (``harus_ganti_sandi``) is asked for that one rather than an "old" password."""

    helper = form_helper("old_password", "new_password1", "new_password2")

    error_messages = {
        "password_mismatch": _("Kedua kata sandi baru tidak sama. Ketik ulang keduanya."),
        "password_incorrect": _("Kata sandi lama salah. Periksa lalu ketik ulang."),
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        sementara = getattr(user, "harus_ganti_sandi", False)
        old, new1, new2 = self.fields["old_password"], self.fields["new_password1"], self.fields["new_password2"]
        old.label = _("Kata sandi sementara") if sementara else _("Kata sandi lama")
        old.help_text = _("Yang diberikan admin kepegawaian kepada Anda.") if sementara else ""
        old.error_messages["required"] = (
            _("Isi kata sandi sementara Anda.") if sementara else _("Isi kata sandi lama Anda.")
        )
        if sementara:
            self.error_messages = {
                **self.error_messages,
                "password_incorrect": _("Kata sandi sementara salah. Periksa lalu ketik ulang."),
            }
        new1.label = _("Kata sandi baru")
        new1.error_messages["required"] = _("Isi kata sandi baru.")
        new2.label = _("Ulangi kata sandi baru")
        new2.help_text = _("Ketik sekali lagi kata sandi baru yang sama.")
        new2.error_messages["required"] = _("Ketik sekali lagi kata sandi baru.")

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        # Django checks the rules (too short, too common…) on the repeated password and shows their messages under
        # "Ulangi kata sandi baru"; they are about the new password, so they go under the field where it is chosen.
        # Only when both match, as Django has it: a mismatch is said once, under the repeat.
        if password_field_name == "new_password2" and "new_password2" in self.cleaned_data:
            password_field_name = "new_password1"
        super().validate_password_for_user(user, password_field_name)


class ImporPegawaiForm(forms.Form):
    """The upload of the import page: the file is read here, so a file that cannot be read is a field error."""

    helper = form_helper("berkas")

    berkas = forms.FileField(
        label=_("Berkas XLSX atau CSV"),
        help_text=_("Baris pertama berisi nama kolom seperti pada templat. CSV boleh dipisah koma atau titik koma."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dataset = None
        self.content = b""

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("Berkas lebih besar dari %(mb)s MB. Pecah berkas menjadi beberapa bagian."),
                params={"mb": settings.IMPORT_MAX_UPLOAD_MB},
            )
        self.content = upload.read()
        try:
            self.dataset = read_dataset(self.content)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


# --- delegation of the pejabat penilai's rights (views/delegasi.py; the rules are services/delegasi.py's) ---------


class DelegasiForm(forms.Form):
    """Input for a written delegation. Only the shape is checked here: who may delegate to whom, the dates and the
    overlap are :func:`pegawai.services.delegasi.delegasi_buat`'s rules and come back beside their fields."""

    helper = form_helper(
        Row(Column("pemberi_nip", css_class="col-md-6"), Column("penerima_nip", css_class="col-md-6")),
        Row(Column("tanggal_mulai", css_class="col-sm-6"), Column("tanggal_selesai", css_class="col-sm-6")),
        "nomor_surat",
        "alasan",
    )
    domain_error_fields = {"pemberi": "pemberi_nip", "penerima": "penerima_nip"}

    pemberi_nip = forms.CharField(
        label=_("NIP pemberi delegasi"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Pejabat penilai: paling rendah pengawas (juga Plt/Plh)."),
    )
    penerima_nip = forms.CharField(
        label=_("NIP penerima delegasi"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Pegawai di bawah jabatan pemberi yang bukan pejabat pengawas, misalnya ketua tim fungsional."),
    )
    tanggal_mulai = TanggalField(label=_("Tanggal mulai"))
    tanggal_selesai = TanggalField(label=_("Tanggal selesai"))
    nomor_surat = forms.CharField(label=_("Nomor surat delegasi"), max_length=100)
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mengapa wewenang menilai didelegasikan, misalnya tim kerja dipimpin ketua tim fungsional."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def _pegawai(self, name: str) -> Pegawai:
        nip = normalize_nip(self.cleaned_data[name])
        pegawai = pegawai_managed_by(self.actor).filter(nip=nip).first()
        if pegawai is None:
            raise forms.ValidationError(_("NIP ini tidak ditemukan di antara pegawai yang Anda kelola."))
        return pegawai

    def clean_pemberi_nip(self) -> Pegawai:
        return self._pegawai("pemberi_nip")

    def clean_penerima_nip(self) -> Pegawai:
        return self._pegawai("penerima_nip")


class DelegasiBatalForm(forms.Form):
    helper = form_helper("alasan_batal")

    alasan_batal = forms.CharField(
        label=_("Alasan pembatalan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Delegasi yang dibatalkan tetap tercatat, tetapi tidak lagi berlaku untuk tanggal mana pun."),
    )


class SandiMassalForm(forms.Form):
    """The group of pegawai who get first-login passwords at once, and how the list is handed out. The choices
    are the actor's OPDs and latest imports (pegawai.selectors.akun), each with how many pegawai it concerns."""

    helper = form_helper("kelompok", "termasuk_bersandi", InlineRadios("bentuk"))

    BENTUK_CHOICES = [("cetak", _("Halaman untuk dicetak")), ("xlsx", _("Berkas XLSX"))]

    kelompok = forms.ChoiceField(
        label=_("Pegawai"),
        error_messages={
            "required": _("Pilih perangkat daerah atau impor."),
            "invalid_choice": _("Pilih perangkat daerah atau impor dari daftar."),
        },
    )
    termasuk_bersandi = forms.BooleanField(
        label=_("Ganti juga kata sandi yang sudah ada"),
        required=False,
        help_text=_(
            "Tanpa centang, hanya pegawai yang belum dapat masuk yang diberi kata sandi. Dengan centang, kata sandi "
            "setiap pegawai di kelompok ini diganti, termasuk yang sudah dipakai."
        ),
    )
    bentuk = forms.ChoiceField(
        label=_("Bentuk daftar"), choices=BENTUK_CHOICES, initial="cetak", widget=forms.RadioSelect
    )

    def __init__(self, *args, opd, impor, **kwargs):
        super().__init__(*args, **kwargs)
        self.kelompok = {k.nilai: k for k in [*opd, *impor]}

        def pilihan(k):
            return (
                k.nilai,
                _("%(nama)s — %(n)d dari %(total)d pegawai belum dapat masuk")
                % {"nama": k.label, "n": k.tanpa_sandi, "total": k.total},
            )

        choices = [("", _("— pilih perangkat daerah atau impor —"))]
        if opd:
            choices.append((_("Perangkat daerah"), [pilihan(k) for k in opd]))
        if impor:
            choices.append((_("Impor pegawai (pegawai baru dari berkas itu)"), [pilihan(k) for k in impor]))
        self.fields["kelompok"].choices = choices
