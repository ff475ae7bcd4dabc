"""Django's password rules in the portal's words (AUTH_PASSWORD_VALIDATORS in settings).

Django's own Indonesian translation says "sandi", "Sandi anda", "bidang" where every portal page says "kata sandi"
and "Anda"; the account pages must read in one voice. The rules are Django's; only their messages are ours. The
similarity rule also compares with the pegawai's name, which lives on :class:`~pegawai.models.Pegawai` rather than
on the login, so that "tidak mirip nama Anda" is true.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MiripDataDiriValidator(django_rules.UserAttributeSimilarityValidator):
    def _data_diri(self, user) -> list[tuple[str, str]]:
        data = [(_("NIP"), user.username), (_("surel"), user.email)]
        data += [(_("nama"), user.first_name), (_("nama"), user.last_name)]
        pegawai = getattr(user, "pegawai", None) if user.pk else None
        if pegawai is not None:
            data += [(_("nama"), pegawai.nama), (_("NIP"), pegawai.nip), (_("surel"), pegawai.email)]
        return [(label, value) for label, value in data if value]

    def validate(self, password, user=None):
        if not user:
            return
        password = password.lower()
        for label, value in self._data_diri(user):
            value = value.lower()
            for part in [*re.split(r"\W+", value), value]:
                # The same measure as Django's validator (a part far shorter than the password cannot be "similar").
                if not part or django_rules.exceeds_maximum_length_ratio(password, self.max_similarity, part):
                    continue
                if SequenceMatcher(a=password, b=part).quick_ratio() >= self.max_similarity:
                    raise ValidationError(self.get_error_message() % {"data": label}, code="password_too_similar")

    def get_error_message(self):
        return _("Kata sandi terlalu mirip dengan %(data)s Anda. Pilih yang lain.")

    def get_help_text(self):
        return _("Kata sandi tidak boleh mirip NIP, nama, atau surel Anda.")


class PanjangMinimumValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self):
        return _("Kata sandi terlalu pendek: paling sedikit %(n)d karakter.") % {"n": self.min_length}

    def get_help_text(self):
        return _("Kata sandi paling sedikit %(n)d karakter.") % {"n": self.min_length}


class SandiUmumValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self):
        return _("Kata sandi ini terlalu umum sehingga mudah ditebak. Pilih yang lain.")

    def get_help_text(self):
        return _("Kata sandi tidak boleh berupa kata sandi yang umum dipakai.")


class SandiInstansiValidator:
    """Refuses a password whose letters are only the portal's or the instansi's own words, alone or strung together,
    with digits or symbols around them ("mangbagja", "Bandung2026!", "bkpsdm123", "PemkotBandung1",
    "Pemerintah-Kota-Bandung"): the first words anyone trying to guess a city employee's password would try. The
    instansi's and the city's words come from the settings ``INSTANSI_NAMA`` and ``INSTANSI_KOTA``; a password that
    adds a word of its own ("Bandung lautan api 1946") is the user's."""

    KATA = ("mangbagja", "bkpsdm", "pemkot", "pemda", "kinerja", "skp", "asn", "pns")

    def _kata(self) -> set[str]:
        from django.conf import settings

        nama = f"{getattr(settings, 'INSTANSI_NAMA', '')} {getattr(settings, 'INSTANSI_KOTA', '')}".lower()
        return {*self.KATA, *(kata for kata in re.findall(r"[^\W\d_]+", nama) if len(kata) >= 3)}

    def validate(self, password, user=None):
        huruf = "".join(c for c in password.lower() if c.isalpha())
        kata = self._kata()
        # Word break, left to right: sampai[i] says the first i letters are known words strung together. Linear in
        # the password's length, whatever words the settings bring (a regular expression could backtrack).
        sampai = [True] + [False] * len(huruf)
        for i in range(len(huruf)):
            if sampai[i]:
                for k in kata:
                    if huruf.startswith(k, i):
                        sampai[i + len(k)] = True
        if huruf and sampai[-1]:
            raise ValidationError(self.get_error_message(), code="password_instansi")

    def get_error_message(self):
        return _(
            "Kata sandi tidak boleh hanya nama portal, instansi, atau kota (ditambah angka/simbol). Pilih yang lain."
        )

    def get_help_text(self):
        return _("Kata sandi tidak boleh hanya nama portal, instansi, atau kota.")


class HanyaAngkaValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self):
        return _("Kata sandi tidak boleh hanya angka. Tambahkan huruf.")

    def get_help_text(self):
        return _("Kata sandi tidak boleh hanya angka.")
