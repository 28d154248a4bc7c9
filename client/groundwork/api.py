"""The platform's learner API (/api/v1/) over HTTP, with errors that say what to do next."""

import json
import time
from collections.abc import Callable, Iterable, Iterator

import httpx

from groundwork import __version__

TIMEOUT_S = 20
POLL_S = 0.5  # the first FAST_FOR_S seconds: most verdicts come within a second or two
SLOW_POLL_S = 2.0  # then: a long queue should not spend the token's rate limit (120 requests a minute)
FAST_FOR_S = 10
STREAM_SILENT_S = 45  # the server writes to an open event stream at least every 15 s: this much silence is a drop


class ApiError(Exception):
    """A request that did not give what was asked; str() is the message for the learner."""

    def __init__(self, message: str, status: int | None = None, retry_after: int = 0):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after

    def _render_traceback_(self):
        """In IPython and Jupyter: the message alone, without a traceback into the client's code."""
        return [f"groundwork: {self}"]


class Unreachable(ApiError):
    pass


class Unauthorized(ApiError):
    pass


class StreamMissing(Exception):
    """The server has no event stream for submissions (an older one): poll instead."""


class StreamDropped(Exception):
    """The event stream broke off before the verdict."""


def normalize_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if "://" not in url:  # a bare host: plain HTTP only on this machine
        url = ("http://" if url.startswith(("localhost", "127.", "[::1]")) else "https://") + url
    return url


class Client:
    def __init__(self, url: str, token: str):
        self.url = normalize_url(url)
        self.http = httpx.Client(
            base_url=f"{self.url}/api/v1",
            timeout=TIMEOUT_S,
            headers={"Authorization": f"Bearer {token}", "User-Agent": f"groundwork-client/{__version__}"},
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.http.close()  # a notebook's kernel lives on: leave no idle connection to the server behind

    def get(self, path: str):
        return self._send("GET", path)

    def post(self, path: str, body: dict):
        return self._send("POST", path, json=body)

    def me(self) -> dict:
        return self.get("/me")

    def topics(self) -> list:
        return self.get("/topics")

    def topic(self, topic_id: str) -> dict:
        return self.get(f"/topics/{topic_id}")

    def exercise(self, exercise: str) -> dict:
        topic_id, slug = split_exercise(exercise)
        return self.get(f"/topics/{topic_id}/exercises/{slug}")

    def submit(self, exercise: str, code: str, mode: str = "grade") -> dict:
        topic_id, slug = split_exercise(exercise)
        return self.post(f"/topics/{topic_id}/exercises/{slug}/submissions", {"code": code, "mode": mode})

    def reveal_hint(self, exercise: str) -> dict:
        """Open the exercise's next hint; the hints opened so far, the new one last."""
        topic_id, slug = split_exercise(exercise)
        return self.post(f"/topics/{topic_id}/exercises/{slug}/hints", {})

    def submission(self, pk: int) -> dict:
        return self.get(f"/submissions/{pk}")

    def follow(self, pk: int, on_update: Callable[[dict], None] = lambda s: None, timeout_s: float = 600) -> dict:
        """Follow a submission to its verdict through the server's event stream, the push channel the exercise
        page uses; on_update sees it each time it changes (queued, running, "test 3 of 8", done). A dropped stream
        is opened again once: it starts with the submission as it is now, so nothing is missed. A server without
        the stream (an older one), or a stream dropped twice, is polled instead."""
        deadline, drops = time.monotonic() + timeout_s, 0
        while True:
            try:
                done = self._stream(pk, on_update, deadline)
            except StreamMissing:
                break
            except StreamDropped:
                drops += 1
                if drops > 1:
                    break
                continue
            except ApiError as e:
                if e.status != 429:
                    raise
                time.sleep(e.retry_after or SLOW_POLL_S)  # over the rate limit: wait as the server asks
                continue
            if done is not None:
                return done
            self._check_deadline(pk, deadline, "queued or running")  # the server ends a stream after minutes
        return self.poll(pk, on_update, max(0.0, deadline - time.monotonic()))

    def _stream(self, pk: int, on_update: Callable[[dict], None], deadline: float) -> dict | None:
        """Read one event stream: the verdict, or None if the server ended the stream before it."""
        try:
            with self.http.stream(
                "GET",
                f"/submissions/{pk}/events",
                headers={"Accept": "text/event-stream"},
                timeout=httpx.Timeout(TIMEOUT_S, read=STREAM_SILENT_S),
            ) as response:
                if response.status_code in (404, 405) or (
                    response.is_success and not response.headers.get("content-type", "").startswith("text/event-stream")
                ):
                    raise StreamMissing  # polling says so if it is the submission that is not there
                if not response.is_success:
                    response.read()
                    self._answer(response)
                framed = False
                for name, data in server_sent_events(response.iter_lines()):
                    framed = framed or name == "state"
                    if name == "gone":
                        raise ApiError(f"Submission #{pk} is no longer on the server.", 404)
                    if name == "state":
                        on_update(data)
                        if data["state"] == "done":
                            return data
                    self._check_deadline(pk, deadline, data.get("state", "pending"))
        except (httpx.TimeoutException, httpx.TransportError) as e:
            raise StreamDropped(str(e)) from e
        if not framed:  # every stream starts with the current state: one that ends without it is broken
            raise StreamDropped("the stream ended before its first frame")
        return None

    def poll(self, pk: int, on_update: Callable[[dict], None] = lambda s: None, timeout_s: float = 600) -> dict:
        """Read a submission until it is done, for servers without the event stream."""
        start = time.monotonic()
        while True:
            try:
                submission = self.submission(pk)
            except ApiError as e:
                if e.status != 429:
                    raise
                time.sleep(e.retry_after or SLOW_POLL_S)
                continue
            on_update(submission)
            if submission["state"] == "done":
                return submission
            waited = time.monotonic() - start
            self._check_deadline(pk, start + timeout_s, submission["state"])
            time.sleep(POLL_S if waited < FAST_FOR_S else SLOW_POLL_S)

    @staticmethod
    def _check_deadline(pk: int, deadline: float, state: str) -> None:
        if time.monotonic() > deadline:
            raise ApiError(
                f"Submission #{pk} is still {state}; stopped waiting for its verdict. "
                f"`groundwork status` shows it later."
            )

    def _send(self, method: str, path: str, **kwargs):
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TimeoutException as e:
            raise Unreachable(
                f"The server at {self.url} did not answer within {TIMEOUT_S} s ({type(e).__name__}). "
                f"Try again in a moment."
            ) from e
        except httpx.HTTPError as e:
            raise Unreachable(
                f"Cannot reach the server at {self.url}: {e or type(e).__name__}. Is the address right "
                f"and the server running? (`groundwork login URL` changes the address.)"
            ) from e
        return self._answer(response)

    def _answer(self, response: httpx.Response):
        try:
            body = response.json()
        except ValueError:
            body = None
        detail = body.get("detail") if isinstance(body, dict) else None
        if isinstance(detail, list):  # a validation error from the API: the fields at fault
            detail = "; ".join(f"{'.'.join(map(str, d.get('loc', [])))}: {d.get('msg')}" for d in detail)
        if response.status_code == 401:
            raise Unauthorized(
                f"{detail or 'The server refused your token.'} "
                f"Then run `groundwork login {self.url}` with the new token.",
                401,
            )
        if response.status_code >= 400:
            retry_after = int(response.headers.get("Retry-After", "0") or 0) if response.status_code == 429 else 0
            raise ApiError(
                detail
                or f"The server answered {response.status_code} {response.reason_phrase} "
                f"to {response.request.method} {response.request.url}.",
                response.status_code,
                retry_after,
            )
        if body is None:
            raise ApiError(
                f"{self.url} answered with something that is not JSON "
                f"({response.headers.get('content-type', 'no content type')}): is it a groundwork server?"
            )
        return body


def split_exercise(exercise: str) -> tuple[str, str]:
    topic_id, sep, slug = exercise.strip().strip("/").partition("/")
    if not sep or not topic_id or not slug or "/" in slug:
        raise ApiError(
            f"Name an exercise as TOPIC/EXERCISE, for example EI2/einsum-basics, not {exercise!r}. "
            f"`groundwork topics` lists the topics."
        )
    return topic_id, slug


def server_sent_events(lines: Iterable[str]) -> Iterator[tuple[str, dict]]:
    """(event name, JSON data) for each frame of a text/event-stream, as a browser's EventSource reads it;
    comments (the server's pings) and retry lines are skipped."""
    name = "message"
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield name, json.loads("\n".join(data))
            name, data = "message", []
        elif line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
        elif line.startswith(":"):
            yield "ping", {}
