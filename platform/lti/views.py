"""The LTI 1.3 endpoints an LMS calls: OIDC login initiation, the launch, deep linking, our JWKS."""

import logging

from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoDbToolConf, DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.contrib.django.lti1p3_tool_config.models import LtiTool
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException
from pylti1p3.lineitem import LineItem

from curriculum.models import Exercise, Topic
from lti import launch as lti_launch
from lti.tasks import pass_back_grades

log = logging.getLogger(__name__)


def _storage():
    return DjangoCacheDataStorage(cache_name="default")


def refused(request, step: str, reason, status: int = 403):
    """Every failed launch says why, on the page and in the log."""
    log.warning("LTI %s refused from %s: %s", step, request.META.get("REMOTE_ADDR"), reason)
    return render(request, "lti/refused.html", {"step": step, "reason": str(reason)}, status=status)


@csrf_exempt
def login(request):
    """Step 1 of a launch: the LMS names itself and the user; we send the browser back to it with a
    state (cookie) and a nonce (kept here), which the id_token must carry."""
    oidc = DjangoOIDCLogin(request, DjangoDbToolConf(), launch_data_storage=_storage())
    try:
        return oidc.redirect(request.build_absolute_uri(reverse("lti_launch")))
    except LtiException as e:
        return refused(request, "login", e, status=400)


@csrf_exempt
@require_POST
def launch(request):
    """Step 2: the id_token, checked (signature against the platform's JWKS, issuer, audience, expiry,
    deployment, nonce, state), signs the user in and opens what the link points at."""
    message = DjangoMessageLaunch(request, DjangoDbToolConf(), launch_data_storage=_storage())
    try:
        data = message.get_launch_data()
        issuer = message.get_iss()
        lti_launch.spend_nonce(issuer, data["nonce"])
        user = lti_launch.sign_in(request, issuer, data)
        lti_launch.join_course(user, issuer, data)
        if message.is_deep_link_launch():
            return _pick(request, message, data)
        target = lti_launch.target_of(data)
        tool = LtiTool.objects.get(issuer=issuer, client_id=message.get_client_id())
        if lti_launch.remember_grade_target(user, tool, data, target):
            pass_back_grades.delay(user.id)  # it may have been mastered before the link existed
    except (LtiException, lti_launch.Refused) as e:
        return refused(request, "launch", e)
    return redirect(lti_launch.url_of(target))


def _pick(request, message, data):
    if not lti_launch.teaches(data):
        raise lti_launch.Refused("Only a teacher of the course can choose what a link opens.")
    request.session["lti_deep_link"] = message.get_launch_id()
    topics = Topic.objects.filter(retired=False).order_by("order").prefetch_related("exercises")
    return render(request, "lti/pick.html", {"topics": topics, "launch_id": message.get_launch_id()})


@require_POST
def deep_link(request):
    """The teacher's choice goes back to the LMS as a signed LtiDeepLinkingResponse."""
    launch_id = request.POST.get("launch_id", "")
    if not launch_id or request.session.get("lti_deep_link") != launch_id:
        return refused(
            request,
            "deep linking",
            "This choice does not belong to a launch of yours; open the link chooser from the LMS again.",
        )
    try:
        message = DjangoMessageLaunch.from_cache(launch_id, request, DjangoDbToolConf(), launch_data_storage=_storage())
    except LtiException as e:
        return refused(request, "deep linking", f"{e}: open the link chooser from the LMS again.")
    resource = _resource(request, request.POST.get("target", ""))
    if resource is None:
        return HttpResponseBadRequest("Choose a topic or an exercise.")
    token = message.get_deep_link().get_response_jwt([resource])
    return_url = message.get_launch_data()["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"][
        "deep_link_return_url"
    ]
    del request.session["lti_deep_link"]
    return render(request, "lti/return.html", {"return_url": return_url, "token": token})


def _resource(request, target: str) -> DeepLinkResource | None:
    kind, _, value = target.partition(":")
    if kind == "topic":
        found = Topic.objects.filter(id=value, retired=False).first()
        title = found and f"{found.id} · {found.title} (mastery)"
    elif kind == "exercise":
        topic_id, _, slug = value.partition("/")
        found = Exercise.objects.filter(topic_id=topic_id, slug=slug).first()
        title = found and f"{topic_id} · {found.title}"
    else:
        return None
    if not found:
        return None
    return (
        DeepLinkResource()
        .set_url(request.build_absolute_uri(reverse("lti_launch")))
        .set_title(title)
        .set_custom_params({"target": target})
        .set_lineitem(LineItem().set_score_maximum(1.0).set_label(title).set_resource_id(target))
    )


def jwks(request):
    """This tool's public keys, every key in the admin (a rotation publishes the new key beside the old)."""
    return JsonResponse(DjangoDbToolConf().get_jwks())
