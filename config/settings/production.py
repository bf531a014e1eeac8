"""Production settings: DEBUG off, HTTPS, secrets from the environment.

Required: SECRET_KEY, DATABASE_URL (PostgreSQL), ALLOWED_HOSTS. Optional: CELERY_BROKER_URL,
EMAIL_*, CSRF_TRUSTED_ORIGINS. `manage.py check --deploy` is clean with these settings.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
SECRET_KEY = os.environ["SECRET_KEY"]

DEBUG = False
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

HTTPS = env_bool("CLUSTERHUB_HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
