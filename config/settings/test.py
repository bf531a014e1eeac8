"""Test settings: fast hashing, in-memory mail, plain static storage.

DATABASE_URL still decides the database, so the same suite runs on SQLite and PostgreSQL.
"""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 3
DATABASES["default"]["CONN_MAX_AGE"] = 0
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests serve static files through the finders; nothing is collected into STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The suite calls the API far more often than a client would; the rate-limit tests set
# their own, low, limits.
API_RATE_LIMITS = {"token": "100000/m", "address": "100000/m"}
