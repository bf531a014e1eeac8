"""The Celery application, used only when CELERY_BROKER_URL is set.

Start a worker with: `celery -A config worker --loglevel=INFO`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("clusterhub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["clusterhub.core"])
