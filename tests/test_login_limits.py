"""Guessing passwords and mass sign-ups are limited with a clear message; every page carries a
Content-Security-Policy that allows only this site's scripts (and a page's own nonce)."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_cache(settings):
    """A private in-process cache per test: the sign-up counter starts at zero."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"test-{id(settings)}"}
    }


def _login(client, password, **extra):
    return client.post(reverse("login"), {"username": "ada", "password": password}, **extra)


def test_ten_wrong_passwords_lock_the_username_from_that_address_even_for_the_right_one(client, settings):
    User.objects.create_user("ada", password="a-long-pass-phrase")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong").status_code == 200  # the form again, with its error
    locked = _login(client, "wrong")
    assert locked.status_code == 429 and b"logging in is paused for 15 minutes" in locked.content
    right = _login(client, "a-long-pass-phrase")
    assert right.status_code == 429 and "_auth_user_id" not in client.session


def test_the_lockout_is_per_address_so_a_classmate_is_not_locked_out(client, settings):
    User.objects.create_user("ada", password="a-long-pass-phrase")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")
    elsewhere = _login(client, "a-long-pass-phrase", REMOTE_ADDR="10.0.0.7")
    assert elsewhere.status_code == 302 and client.session["_auth_user_id"]


def test_a_right_password_before_the_limit_logs_in_and_resets_the_count(client, settings):
    User.objects.create_user("ada", password="a-long-pass-phrase")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")
    assert _login(client, "a-long-pass-phrase").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")
    assert _login(client, "a-long-pass-phrase").status_code == 302


def test_sign_ups_from_one_address_are_limited_per_hour_with_a_message(client, settings):
    settings.SIGNUPS_PER_HOUR = 2
    for i in range(2):
        client.post(
            reverse("signup"),
            {"username": f"u{i}", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
        )
        client.logout()
    response = client.post(
        reverse("signup"), {"username": "u9", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}
    )
    assert response.status_code == 429 and b"Too many accounts were created from your address" in response.content
    assert User.objects.count() == 2


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(rf, settings):
    from accounts.views import client_ip

    settings.BEHIND_PROXY = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.2.3", REMOTE_ADDR="172.18.0.5")
    assert client_ip(request) == "10.1.2.3"
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "172.18.0.5"


def test_pages_carry_a_content_security_policy_that_allows_only_this_sites_scripts(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    script = directives["script-src"].split()
    assert "'self'" in script and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_the_maps_inline_script_carries_the_nonce_its_policy_allows(client, synced):
    client.force_login(User.objects.create_user("ada"))
    response = client.get(reverse("map"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">'.encode() in response.content
