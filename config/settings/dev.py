"""Developer settings: DEBUG on, runserver."""

from .base import *  # noqa: F403

DEBUG = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
