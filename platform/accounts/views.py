from django import forms
from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text="Optional: only used to send a link if you forget your "
                                                        "password.")

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


def signup(request):
    target = _next(request)
    if request.user.is_authenticated:
        return redirect(target)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        return redirect(target)
    return render(request, "registration/signup.html", {"form": form, "next": target})


def _next(request) -> str:
    """Where to go after signing up: back to an invite link, say; only ever this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if target and ok else "/"
