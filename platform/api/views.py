"""The account page's API tokens (make one, shown once; see when each was last used; revoke it), a topic as a
Jupyter notebook, and the client's source archive that notebooks install."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from api import notebook
from api.models import ApiToken
from curriculum.models import Topic

MAX_ACTIVE = 10


@login_required
def tokens(request):
    new_token, error = None, ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:60]
        active = request.user.api_tokens.filter(revoked_at=None).count()
        if not name:
            error = "Give the token a name that says where you will use it, for example 'laptop' or 'Colab'."
        elif active >= MAX_ACTIVE:
            error = f"You have {active} active tokens, the most allowed; revoke one you no longer use first."
        else:
            _, new_token = ApiToken.issue(request.user, name)
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": request.user.api_tokens.all(),
            "new_token": new_token,
            "error": error,
            "api_root": request.build_absolute_uri("/"),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        messages.success(request, f"Revoked the token '{token.name}': it no longer works anywhere.")
    return redirect("api_tokens")


@login_required
def topic_notebook(request, topic_id):
    topic = get_object_or_404(Topic, id=topic_id)
    body = notebook.topic_notebook(topic, topic.exercises.filter(retired=False), request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="application/x-ipynb+json")
    response["Content-Disposition"] = f'attachment; filename="{topic.id}.ipynb"'
    return response


def client_tarball(request):
    """Public: pip cannot sign in, and the client holds nothing secret."""
    response = HttpResponse(notebook.client_tarball(), content_type="application/gzip")
    response["Content-Disposition"] = f'attachment; filename="{notebook.TARBALL_NAME}"'
    return response
