"""The security baseline: hashing, lockout, CSRF, headers, content security policy."""

import importlib

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2_outside_tests():
    base = importlib.import_module("config.settings.base")
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_repeated_failed_logins_lock_the_account(client, settings):
    # given
    user = f.UserFactory()
    url = reverse("accounts:login")
    # when: AXES_FAILURE_LIMIT (3 in tests) wrong passwords
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": user.username, "password": "wrong"})
    # then even the right password is refused
    response = client.post(url, {"username": user.username, "password": f.PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_right_password_logs_in(client):
    user = f.UserFactory()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": f.PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_writes_need_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    office = f.ProgramOfficeFactory()
    client.force_login(office)
    response = client.post(reverse("networks:mini_cluster_create"), {"name_ko": "x"})
    assert response.status_code == 403


def test_pages_carry_security_headers_and_a_strict_policy(client):
    response = client.get(reverse("portal:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_settings_refuse_to_start_without_a_secret_key(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        importlib.reload(importlib.import_module("config.settings.production"))


def test_every_domain_model_keeps_history():
    from django.apps import apps

    domain_apps = {"accounts", "geography", "industries", "directory", "networks"}
    without = [
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in domain_apps
        and not model.__name__.startswith("Historical")
        and not hasattr(model, "history")
    ]
    assert without == []
