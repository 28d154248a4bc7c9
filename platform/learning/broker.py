"""What the web and the workers share through the broker's Redis besides Celery's queues: a mark per
submission whose task is waiting in a queue (so the sweep never sends it twice), and the channel that
pushes status changes to open pages. With any other broker (the embedded filesystem one) there is no
Redis: every function here says so by returning None or doing nothing, and callers fall back to the
database."""

import json
import logging
import threading

from django.conf import settings

log = logging.getLogger(__name__)

QUEUED_KEY = "groundwork:queued:{pk}"
QUEUED_TTL_S = 3600  # as long as the Redis transport's visibility timeout: a task is in Redis at most this long
# Redis keeps a key per database, but a channel is seen by every client of the server: the database
# number in its name keeps two sites (or two test workers) that share a Redis from hearing each other.
EVENTS_CHANNEL = "groundwork:{db}:submission:{pk}"

_client = None
_lock = threading.Lock()


def client():
    """One Redis client per process (it pools its connections), or None when the broker is not Redis."""
    global _client
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    with _lock:
        if _client is None:
            import redis

            # A password in the URL wins over this one (REDIS_PASSWORD, when the URL has none).
            _client = redis.Redis.from_url(
                url,
                password=settings.CELERY_BROKER_PASSWORD,
                socket_timeout=5,
                socket_connect_timeout=2,
                health_check_interval=30,
            )
        return _client


def _quietly(what: str, action, default=None):
    """Redis being down must not fail a submission: the database still has everything."""
    redis = client()
    if redis is None:
        return default
    try:
        return action(redis)
    except Exception as e:
        log.warning("redis: could not %s: %s", what, e)
        return default


def mark_queued(pk: int) -> None:
    _quietly("mark a queued task", lambda r: r.set(QUEUED_KEY.format(pk=pk), 1, ex=QUEUED_TTL_S))


def unmark_queued(pk: int) -> None:
    _quietly("unmark a queued task", lambda r: r.delete(QUEUED_KEY.format(pk=pk)))


def queued_marks(pks: list) -> list | None:
    """For each pk, whether its task is still waiting in the broker; None when that cannot be known."""
    if not pks:
        return []
    return _quietly("read queued marks", lambda r: [bool(v) for v in r.mget([QUEUED_KEY.format(pk=pk) for pk in pks])])


def channel(redis, pk: int) -> str:
    return EVENTS_CHANNEL.format(db=redis.connection_pool.connection_kwargs.get("db", 0), pk=pk)


def publish(pk: int, event: dict) -> None:
    _quietly("publish a submission event", lambda r: r.publish(channel(r, pk), json.dumps(event)))


PROGRESS_KEY = "groundwork:progress:{pk}"


def publish_progress(pk: int, progress: dict) -> None:
    """Kept (for a page that connects later) and pushed (to pages already listening)."""

    def push(r):  # one round trip: a job sends one before each test
        (
            r.pipeline(transaction=False)
            .set(PROGRESS_KEY.format(pk=pk), json.dumps(progress), ex=QUEUED_TTL_S)
            .publish(channel(r, pk), json.dumps({"progress": progress}))
            .execute()
        )

    _quietly("publish progress", push)


def clear_progress(pk: int) -> None:
    """A new attempt starts with no progress: never the last attempt's test or curve."""
    _quietly("clear progress", lambda r: r.delete(PROGRESS_KEY.format(pk=pk)))


def progress(pk: int) -> dict | None:
    raw = _quietly("read progress", lambda r: r.get(PROGRESS_KEY.format(pk=pk)))
    return json.loads(raw) if raw else None


def subscribe(pk: int):
    """A PubSub listening to one submission's channel, or None without Redis (or while it is down)."""

    def open_channel(r):
        events = r.pubsub()
        events.subscribe(channel(r, pk))
        return events

    return _quietly("subscribe to a submission's events", open_channel)
