"""lock_row re-reads a row with SELECT … FOR UPDATE: a second transaction waits for the first."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from portal.locking import lock_row
from portal.models import Pekerjaan

pytestmark = pytest.mark.django_db


def test_it_rereads_the_current_row_for_update(django_user_model):
    user = django_user_model.objects.create(username="pemilik")
    job = Pekerjaan.objects.create(user=user, jenis="uji", judul="Lama")
    Pekerjaan.objects.filter(pk=job.pk).update(judul="Baru")
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        locked = lock_row(job)
        by_class = lock_row(Pekerjaan, job.pk, select_related=["user"])
    assert locked.judul == "Baru" and job.judul == "Lama"
    assert by_class.user == user
    assert all("FOR UPDATE" in q["sql"] for q in ctx.captured_queries)
    # Only the row itself is locked when a related row is joined in.
    assert 'FOR UPDATE OF "pegawai_pekerjaan"' in ctx.captured_queries[1]["sql"]


def test_it_raises_when_the_row_is_gone(django_user_model):
    user = django_user_model.objects.create(username="pemilik")
    job = Pekerjaan.objects.create(user=user, jenis="uji", judul="Uji")
    Pekerjaan.objects.filter(pk=job.pk).delete()
    with pytest.raises(Pekerjaan.DoesNotExist), transaction.atomic():
        lock_row(job)
