import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangbagja.settings")

app = Celery("mangbagja")
# All CELERY_* settings live in mangbagja/settings.py (broker on REDIS_URL, JSON, time limits).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
