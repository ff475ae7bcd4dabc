"""The request's memo (portal.ingat): one answer per question during a request, nothing kept after it or outside
one, and nothing reused after a write."""

import pytest

from portal.ingat import ingat, ingat_banyak, sekali
from portal.testing.ingat import dalam_permintaan


def _hitung():
    hitungan = []

    def hitung():
        hitungan.append(1)
        return len(hitungan)

    return hitung, hitungan


def test_a_question_is_computed_once_per_request_and_again_in_the_next():
    hitung, hitungan = _hitung()
    assert dalam_permintaan(lambda: [ingat("q", hitung), ingat("q", hitung), ingat("lain", hitung)]) == [1, 1, 2]
    assert dalam_permintaan(lambda: ingat("q", hitung)) == 3
    assert len(hitungan) == 3


def test_outside_a_request_nothing_is_remembered():
    hitung, hitungan = _hitung()
    assert [ingat("q", hitung), ingat("q", hitung)] == [1, 2]


@pytest.mark.django_db
def test_a_write_during_the_request_forgets_what_was_read_before_it():
    from django.contrib.auth.models import Group

    hitung, _hitungan = _hitung()

    def isi():
        sebelum = ingat("q", hitung)
        Group.objects.create(name="uji ingat")
        return sebelum, ingat("q", hitung)

    assert dalam_permintaan(isi) == (1, 2)


def test_the_same_call_is_answered_once_per_request():
    hitung, hitungan = _hitung()

    def tanya(x):
        return (x, hitung())

    assert dalam_permintaan(lambda: [sekali(tanya, "a"), sekali(tanya, "a"), sekali(tanya, "b")]) == [
        ("a", 1),
        ("a", 1),
        ("b", 2),
    ]


def test_many_arguments_at_once_compute_only_those_not_yet_asked():
    diminta = []

    def kuadrat(kunci):
        diminta.append(list(kunci))
        return {k: k * k for k in kunci}

    def isi():
        pertama = ingat_banyak([2, 3, 2], kuadrat)
        kedua = ingat_banyak([3, 4], kuadrat)
        return pertama, kedua, ingat(4, lambda: "tidak dihitung lagi")

    assert dalam_permintaan(isi) == ({2: 4, 3: 9}, {3: 9, 4: 16}, 16)
    assert diminta == [[2, 3], [4]]
    assert ingat_banyak([5], kuadrat) == {5: 25}  # outside a request: computed, not kept
