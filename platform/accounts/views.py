import time

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional: only used to send a link if you forget your password."
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


def signup(request):
    target = _next(request)
    if request.user.is_authenticated:
        return redirect(target)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and not signup_allowed(request):
        return render(
            request,
            "registration/signup.html",
            {
                "form": form,
                "next": target,
                "message": "Too many accounts were created from your address in the last hour. Try again later, or "
                "ask your cohort's admin for help. Nothing was created.",
            },
            status=429,
        )
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(target)
    return render(request, "registration/signup.html", {"form": form, "next": target})


def _next(request) -> str:
    """Where to go after signing up: back to an invite link, say; only ever this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if target and ok else "/"


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this when a username and address pair is locked out (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/login.html",
        {
            "form": AuthenticationForm(request),
            "locked": True,
            "next": request.POST.get("next", ""),
            "message": f"Too many wrong passwords for this username from your address: logging in is paused for "
            f"{minutes} minutes. Wait, then try again; if you forgot your password, ask your cohort's admin.",
        },
        status=429,
    )


def signup_allowed(request) -> bool:
    """At most SIGNUPS_PER_HOUR new accounts per address and hour (a fixed window in the cache)."""
    key = f"signups:{client_ip(request)}:{int(time.time() // 3600)}"  # the proxy's client, if any
    cache.add(key, 0, timeout=3700)
    try:
        return cache.incr(key) <= settings.SIGNUPS_PER_HOUR
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3700)
        return True


def client_ip(request) -> str:
    """The learner's address: behind the proxy (DJANGO_BEHIND_PROXY), the one it appended to
    X-Forwarded-For (earlier entries are the client's to forge), else the connection's own."""
    if settings.BEHIND_PROXY:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
