"""Server-sent events for one submission: its state, progress and, once done, its verdict, pushed to
the open page (and to the API's clients, api.endpoints) as they happen.

The stream starts with the current state (a catch-up read, so a page that reconnects after a restart
or a lost connection is never stale), then waits for the worker's messages on the submission's Redis
channel; without Redis (the embedded default) it reads the database every POLL_S instead. Each event
carries what its reader shows (the page: the rendered result panel; the API: the submission as JSON), so
no second request is needed. The stream ends when the
verdict is sent, or after MAX_S (the browser's EventSource reconnects by itself and catches up).
The database connection is closed between reads: an idle stream holds a thread, not a connection."""

import json
import time
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import close_old_connections, connection
from django.http import StreamingHttpResponse
from django.template.loader import render_to_string

from learning import broker
from learning.models import Submission

POLL_S = 0.1  # without Redis: how often the stream reads the row (one learner's SQLite: cheap)
PING_S = 15  # a comment line this often, so a closed connection is noticed and proxies keep it open
MAX_S = 300  # then the browser reconnects: no thread is held for ever by a forgotten tab
RETRY_MS = 1000  # how long EventSource waits before it reconnects


def stream(pk: int, read: Callable[[], dict | None]):
    """The frames for submission pk; read() gives the submission as its reader sees it now (a dict with at least
    its "state"), or None once it is gone."""
    yield f"retry: {RETRY_MS}\n\n"
    events = broker.subscribe(pk)
    try:
        last, started, pinged = None, time.monotonic(), time.monotonic()
        while time.monotonic() - started < MAX_S:
            payload = _fresh(read)
            if payload is None:
                yield _event("gone", {"state": "gone"})
                return
            if payload != last:
                yield _event("state", payload)
                last = payload
            if payload["state"] == Submission.DONE:
                return
            if time.monotonic() - pinged >= PING_S:  # with or without Redis: the API's client counts on it
                yield ": ping\n\n"
                pinged = time.monotonic()
            _wait(events)  # a message, POLL_S without Redis, or PING_S of quiet: read the row again
    finally:
        if events is not None:
            events.close()


def _fresh(read):
    """read(), from the database as it is now; the connection is not kept meanwhile."""
    close_old_connections()
    try:
        return read()
    finally:
        connection.close()


def page_frame(pk: int, user_id: int, request) -> dict | None:
    """The submission as the exercise page shows it: its result panel, rendered."""
    submission = Submission.objects.select_related("exercise__topic").filter(pk=pk, user_id=user_id).first()
    if submission is None:
        return None
    progress = broker.progress(pk) if submission.state == Submission.RUNNING else None
    html = render_to_string(
        "learning/_result.html", {"submission": submission, "progress": progress, "live": True}, request=request
    )
    if progress:  # the curves are drawn in the html already: not sent twice
        progress = {key: value for key, value in progress.items() if key != "curves"}
    return {"state": submission.state, "status": submission.status, "progress": progress, "html": html}


def _wait(events) -> bool:
    """Wait for the next message on the channel (True), or POLL_S without Redis, or PING_S (False)."""
    if events is None:
        time.sleep(POLL_S)
        return True
    try:
        return events.get_message(ignore_subscribe_messages=True, timeout=PING_S) is not None
    except Exception:  # Redis went away: read the database at the embedded pace until the stream ends
        time.sleep(POLL_S)
        return True


def _event(name: str, data: dict) -> str:
    # json.dumps never emits newlines; keep the frame safe anyway. DjangoJSONEncoder: the API's dates.
    lines = json.dumps(data, cls=DjangoJSONEncoder).splitlines() or [""]
    return f"event: {name}\n" + "".join(f"data: {line}\n" for line in lines) + "\n"


def response(frames) -> StreamingHttpResponse:
    response = StreamingHttpResponse(frames, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # a proxy in front (nginx) must pass each event on at once
    return response
