"""Error pages with a way back (even in the DEBUG quick start), the favicon, and password reset by email."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = User.objects.create_user("ada", email="ada@example.org", password="old-pass-phrase-1")
    client.force_login(user)
    return user


@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_url_gets_the_sites_404_with_a_way_back_never_the_url_list(client, learner, debug):
    with override_settings(DEBUG=debug):
        response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and 'href="/"' in html and "/no-such-page/" in html
    assert "URLconf" not in html and "DEBUG = True" not in html


@override_settings(DEBUG=True)
def test_a_missing_topic_with_debug_on_also_gets_the_branded_404(client, learner, synced):
    response = client.get("/topics/NOPE/")
    assert response.status_code == 404 and b"Page not found" in response.content


def test_a_page_that_needs_a_right_you_lack_gets_the_branded_403(client, learner):
    response = client.get("/cohorts/new/")  # creating cohorts is a right a plain learner lacks
    assert response.status_code == 403
    assert b"You cannot open this page" in response.content and b"Back to your topics" in response.content


def test_the_500_page_renders_alone_with_a_way_back():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and 'href="/"' in html and "favicon.svg" in html


def test_every_page_names_a_favicon_and_favicon_ico_leads_to_it(client, learner, synced):
    assert b'rel="icon" href="/static/favicon.svg"' in client.get("/").content
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


def test_a_forgotten_password_is_reset_through_a_link_sent_by_email(client, learner):
    client.logout()
    assert b"Forgot your password?" in client.get("/accounts/login/").content
    response = client.post("/accounts/password-reset/", {"email": "ada@example.org"}, follow=True)
    assert b"Check your email" in response.content
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.org"]
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert b"Choose a new password" in form.content
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "a-new-pass-phrase-2", "new_password2": "a-new-pass-phrase-2"},
        follow=True,
    )
    assert b"Your password is changed" in done.content
    signed_in = client.post(reverse("login"), {"username": "ada", "password": "a-new-pass-phrase-2"})
    assert signed_in.status_code == 302 and client.get("/").context["user"].username == "ada"
    assert b"This link no longer works" in client.get(link, follow=True).content  # once only


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, db):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"}, follow=True)
    assert b"Check your email" in response.content and not mail.outbox


def test_signing_up_takes_an_optional_email_for_resets(client, db):
    client.post(
        "/accounts/signup/",
        {
            "username": "grace",
            "email": "grace@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    assert User.objects.get(username="grace").email == "grace@example.org"
    client.logout()
    client.post(
        "/accounts/signup/",
        {"username": "hopper", "email": "", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )
    assert User.objects.filter(username="hopper").exists()


def test_email_goes_to_the_console_unless_an_smtp_host_is_set():
    import os
    import subprocess
    import sys

    code = "from django.conf import settings; import django; django.setup(); print(settings.EMAIL_BACKEND)"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings")
    env.pop("EMAIL_HOST", None)
    assert "console" in subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout
    env["EMAIL_HOST"] = "smtp.example.org"
    assert "smtp" in subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout
