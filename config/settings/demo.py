"""What `make run` serves: production behaviour (DEBUG off, gunicorn, whitenoise, Argon2,
lockout, CSP) on one machine over plain HTTP at 127.0.0.1, with the secret key kept in var/.
"""

import os

from .base import demo_secret_key

os.environ.setdefault("SECRET_KEY", demo_secret_key())
os.environ.setdefault("CLUSTERHUB_HTTPS", "0")

from .production import *  # noqa: F403
