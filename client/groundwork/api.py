"""The platform's learner API (/api/v1/) over HTTP, with errors that say what to do next."""
import time
from collections.abc import Callable

import httpx

from groundwork import __version__

TIMEOUT_S = 20
POLL_S = 0.5  # the first FAST_FOR_S seconds: most verdicts come within a second or two
SLOW_POLL_S = 2.0  # then: a long queue should not spend the token's rate limit (120 requests a minute)
FAST_FOR_S = 10


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


def normalize_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if "://" not in url:  # a bare host: plain HTTP only on this machine
        url = ("http://" if url.startswith(("localhost", "127.", "[::1]")) else "https://") + url
    return url


class Client:
    def __init__(self, url: str, token: str):
        self.url = normalize_url(url)
        self.http = httpx.Client(base_url=f"{self.url}/api/v1", timeout=TIMEOUT_S, headers={
            "Authorization": f"Bearer {token}", "User-Agent": f"groundwork-client/{__version__}"})

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

    def submission(self, pk: int) -> dict:
        return self.get(f"/submissions/{pk}")

    def follow(self, pk: int, on_update: Callable[[dict], None] = lambda s: None, timeout_s: float = 600) -> dict:
        """Poll a submission until it is done; on_update sees each state it passes through."""
        start = time.monotonic()
        while True:
            try:
                submission = self.submission(pk)
            except ApiError as e:
                if e.status != 429:
                    raise
                time.sleep(e.retry_after or SLOW_POLL_S)  # over the rate limit: wait as the server asks
                continue
            on_update(submission)
            if submission["state"] == "done":
                return submission
            waited = time.monotonic() - start
            if waited > timeout_s:
                raise ApiError(f"Submission #{pk} is still {submission['state']} after {timeout_s:.0f} s; "
                               f"`groundwork status` shows its verdict later.")
            time.sleep(POLL_S if waited < FAST_FOR_S else SLOW_POLL_S)

    def _send(self, method: str, path: str, **kwargs):
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TimeoutException as e:
            raise Unreachable(f"The server at {self.url} did not answer within {TIMEOUT_S} s ({type(e).__name__}). "
                              f"Try again in a moment.") from e
        except httpx.HTTPError as e:
            raise Unreachable(f"Cannot reach the server at {self.url}: {e or type(e).__name__}. Is the address right "
                              f"and the server running? (`groundwork login URL` changes the address.)") from e
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
            raise Unauthorized(f"{detail or 'The server refused your token.'} "
                               f"Then run `groundwork login {self.url}` with the new token.", 401)
        if response.status_code >= 400:
            retry_after = int(response.headers.get("Retry-After", "0") or 0) if response.status_code == 429 else 0
            raise ApiError(detail or f"The server answered {response.status_code} {response.reason_phrase} "
                                     f"to {response.request.method} {response.request.url}.",
                           response.status_code, retry_after)
        if body is None:
            raise ApiError(f"{self.url} answered with something that is not JSON "
                           f"({response.headers.get('content-type', 'no content type')}): is it a groundwork server?")
        return body


def split_exercise(exercise: str) -> tuple[str, str]:
    topic_id, sep, slug = exercise.strip().strip("/").partition("/")
    if not sep or not topic_id or not slug or "/" in slug:
        raise ApiError(f"Name an exercise as TOPIC/EXERCISE, for example EI2/einsum-basics, not {exercise!r}. "
                       f"`groundwork topics` lists the topics.")
    return topic_id, slug
