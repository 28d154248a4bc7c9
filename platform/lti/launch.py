"""What a validated launch does here: sign the LMS user in, put them in their course's cohort,
and find the topic or exercise the link stands for."""

import re
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model, login
from django.db import IntegrityError, transaction
from django.urls import reverse

from cohorts.models import Cohort, Membership
from curriculum.models import Exercise, Topic
from lti.models import Course, GradeTarget, Identity, UsedNonce

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
TEACHING_ROLES = ("#Instructor", "#TeachingAssistant", "#Administrator", "#ContentDeveloper")


class Refused(Exception):
    """A launch that validated but cannot go on; the message is shown to the person launching."""


def spend_nonce(issuer: str, nonce: str) -> None:
    """pylti1p3 checks that a nonce was issued, not that it is used once: that is done here."""
    try:
        with transaction.atomic():
            UsedNonce.objects.create(issuer=issuer, nonce=nonce)
    except IntegrityError:
        raise Refused(
            "This launch was already used (its nonce was seen before). Start again from your course page in the LMS."
        ) from None


def teaches(data: Mapping[str, Any]) -> bool:
    return any(role.endswith(TEACHING_ROLES) for role in data.get(CLAIM + "roles", []))


def sign_in(request, issuer: str, data: Mapping[str, Any]):
    """The account an LMS user signs in as: the one linked before, else the account already signed in
    in this browser (linked now), else a new one. Never matched by e-mail: an LMS lets its users set
    their address, and an address is not proof of owning an account here."""
    subject = str(data.get("sub") or "")
    if not subject:
        raise Refused("The LMS sent no user id (sub); anonymous launches are not supported.")
    identity = Identity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity:
        user = identity.user
    else:
        user = request.user if request.user.is_authenticated else _new_user(data)
        Identity.objects.create(issuer=issuer, subject=subject, user=user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return user


def _new_user(data: Mapping[str, Any]):
    User = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", data.get("email", "").split("@")[0] or data.get("given_name", "")) or "learner"
    name, n = base[:140], 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base[:140]}{n}"
    user = User(
        username=name,
        email=data.get("email", ""),
        first_name=data.get("given_name", "")[:150],
        last_name=data.get("family_name", "")[:150],
    )
    user.set_unusable_password()  # signs in through the LMS; a password can be set by reset later
    user.save()
    return user


def join_course(user, issuer: str, data: Mapping[str, Any]) -> Cohort | None:
    """The cohort that stands for the launch's course (made at its first launch); teachers join as admins."""
    context = data.get(CLAIM + "context") or {}
    if not context.get("id"):
        return None
    title = (context.get("title") or context.get("label") or context["id"])[:100]
    course = Course.objects.select_related("cohort").filter(issuer=issuer, context_id=context["id"]).first()
    if course is None:
        course = Course.objects.create(
            issuer=issuer, context_id=context["id"], title=title, cohort=Cohort.objects.create(name=f"{title} (LMS)")
        )
    role = Membership.ADMIN if teaches(data) else Membership.LEARNER
    membership, made = Membership.objects.get_or_create(cohort=course.cohort, user=user, defaults={"role": role})
    if not made and role == Membership.ADMIN and membership.role != role:
        Membership.objects.filter(pk=membership.pk).update(role=role)
    return course.cohort


def target_of(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """("topic", "EI2") or ("exercise", "EI2/einsum-basics") from the link's custom `target`, which
    deep linking writes; None for a link without one (it opens the home page)."""
    target = str((data.get(CLAIM + "custom") or {}).get("target", "")).strip()
    if not target:
        return None
    kind, _, value = target.partition(":")
    if kind == GradeTarget.TOPIC and Topic.objects.filter(id=value, retired=False).exists():
        return kind, value
    topic_id, _, slug = value.partition("/")
    if kind == GradeTarget.EXERCISE and Exercise.objects.filter(topic_id=topic_id, slug=slug).exists():
        return kind, value
    raise Refused(
        f"This link points at {target!r}, which this site does not have (the course may have been "
        "set up with another version of the curriculum). Ask your teacher to link it again."
    )


def url_of(target: tuple[str, str] | None) -> str:
    if target is None:
        return reverse("home")
    kind, value = target
    return reverse("topic", args=[value]) if kind == GradeTarget.TOPIC else reverse("exercise", args=value.split("/"))


def remember_grade_target(user, tool, data: Mapping[str, Any], target: tuple[str, str] | None) -> GradeTarget | None:
    """Where this learner's score for the link goes, when the LMS offers a gradebook column for it."""
    endpoint = data.get(AGS_CLAIM) or {}
    if target is None or not endpoint.get("lineitem") or SCORE_SCOPE not in endpoint.get("scope", []):
        return None
    grade_target, _ = GradeTarget.objects.update_or_create(
        user=user,
        lineitem=endpoint["lineitem"],
        defaults={
            "tool": tool,
            "subject": str(data["sub"]),
            "scopes": endpoint["scope"],
            "kind": target[0],
            "target": target[1],
        },
    )
    return grade_target
