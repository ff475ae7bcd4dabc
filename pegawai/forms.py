from django import forms
from django.apps import apps
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from portal.choices import JenisAkses

from .akses import jabatan_managed_by, pegawai_managed_by
from .choices import JenisJabatan, JenisPenugasan
from .models import Jabatan, Pegawai
from .nip import normalize_nip


class BootstrapMixin:
    """Give every widget the Bootstrap 5 class it needs, so templates can render fields in a loop."""

    def _bootstrap(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()

    def full_clean(self):
        super().full_clean()
        # Bootstrap colours a field red only through the widget's own class.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()


class DateInput(forms.DateInput):
    """The browser's own date picker (works on phones); it sends and expects ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NipLoginForm(BootstrapMixin, AuthenticationForm):
    """Login by NIP; the spaces printed inside a NIP are accepted."""

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
        self._bootstrap()

    def clean_username(self):
        return normalize_nip(self.cleaned_data["username"])


class JabatanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Jabatan) -> str:
        unit = obj.unit_kerja
        return f"{obj.nama} — {unit.nama} ({unit.perangkat_daerah.singkatan or unit.perangkat_daerah.nama})"


class PenugasanForm(BootstrapMixin, forms.Form):
    """Input for a Plt/Plh assignment. Only the shape of the input is checked here; the rules (dates, overlap,
    own position, scope) live in ``services.penugasan_buat`` / ``penugasan_ubah`` and come back as field
    errors."""

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
    tanggal_mulai = forms.DateField(label=_("Tanggal mulai"), widget=DateInput)
    tanggal_selesai = forms.DateField(label=_("Tanggal selesai"), widget=DateInput)
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
        self._bootstrap()

    def clean_pegawai_nip(self) -> Pegawai:
        nip = normalize_nip(self.cleaned_data["pegawai_nip"])
        pegawai = pegawai_managed_by(self.actor).filter(nip=nip).select_related("jabatan").first()
        if pegawai is None:
            raise forms.ValidationError(_("NIP ini tidak ditemukan di antara pegawai yang Anda kelola."))
        return pegawai


class AuditFilterForm(BootstrapMixin, forms.Form):
    """Filters of the audit trail. All optional; the view resolves NIP/username to objects."""

    LABEL_CHOICES = [
        ("", _("Semua perubahan")),
        ("insert", _("Dibuat")),
        ("update", _("Diubah")),
        ("delete", _("Dihapus")),
    ]

    model = forms.ChoiceField(label=_("Jenis data"), choices=[], required=False)
    objek_id = forms.IntegerField(label=_("ID data"), min_value=1, required=False)
    nip = forms.CharField(
        label=_("NIP pegawai"),
        max_length=40,
        required=False,
        help_text=_("Semua perubahan pada pegawai ini dan data yang merujuk kepadanya."),
    )
    aktor = forms.CharField(label=_("Diubah oleh (NIP/nama akun)"), max_length=40, required=False)
    label = forms.ChoiceField(label=_("Jenis perubahan"), choices=LABEL_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every model tracked with @tracked, in every app: later apps (SKP, kinerja…) appear without a change here.
        tracked = sorted(
            (m for m in apps.get_models() if getattr(m, "pgh_event_models", None)),
            key=lambda m: str(m._meta.verbose_name),
        )
        self.fields["model"].choices = [("", _("Semua jenis data"))] + [
            (m._meta.label, str(m._meta.verbose_name).capitalize()) for m in tracked
        ]
        self._bootstrap()

    def clean_nip(self):
        return normalize_nip(self.cleaned_data["nip"])

    def clean_aktor(self):
        return normalize_nip(self.cleaned_data["aktor"])

    def clean(self):
        data = super().clean()
        if data.get("objek_id") and not data.get("model"):
            self.add_error("model", _("Pilih jenis data untuk ID tersebut."))
        return data


class AksesLogFilterForm(BootstrapMixin, forms.Form):
    pengguna = forms.CharField(label=_("Pengguna (NIP/nama akun)"), max_length=40, required=False)
    nip = forms.CharField(label=_("Data milik (NIP)"), max_length=40, required=False)
    jenis = forms.ChoiceField(
        label=_("Jenis akses"), choices=[("", _("Semua"))] + list(JenisAkses.choices), required=False
    )
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput)
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()

    def clean_pengguna(self):
        return normalize_nip(self.cleaned_data["pengguna"])

    def clean_nip(self):
        return normalize_nip(self.cleaned_data["nip"])

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


class KataSandiForm(BootstrapMixin, PasswordChangeForm):
    """Django's password change with Bootstrap widgets; its rules come from AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()
