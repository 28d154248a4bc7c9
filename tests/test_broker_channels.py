"""A submission's events reach the pages of its own site only, when two sites share one Redis server."""

import json

import pytest
import redis

from learning import broker

pytestmark = pytest.mark.integration


def listening(client, pk):
    events = client.pubsub()
    events.subscribe(broker.channel(client, pk))
    assert events.get_message(timeout=2)["type"] == "subscribe"
    return events


def test_an_event_is_heard_on_its_own_redis_database_only():
    ours = broker.client()
    assert ours is not None, "needs Redis: run scripts/test"
    kwargs = ours.connection_pool.connection_kwargs
    theirs = redis.Redis(
        host=kwargs["host"], port=kwargs["port"], password=kwargs.get("password"), db=(kwargs.get("db", 0) + 8) % 16
    )  # another site on the same server
    mine, other = listening(ours, 424242), listening(theirs, 424242)
    broker.publish(424242, {"state": "done"})
    heard = mine.get_message(timeout=2)
    assert heard and json.loads(heard["data"]) == {"state": "done"}
    assert other.get_message(timeout=0.5) is None
    mine.close()
    other.close()
