"""Bearer-token sign-in for the API, with a per-token rate limit and messages that say what to do."""

import time

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from api.models import ApiToken, digest

TOUCH_EVERY_S = 60  # last_used_at is for the learner's eyes: minute precision spares a write per request


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(
            f"Too many requests with this token: at most {settings.API_RATE_PER_MINUTE} a minute. "
            f"Try again in {retry_after} s."
        )
        self.retry_after = retry_after


class TokenAuth(HttpBearer):
    def __call__(self, request):
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            raise AuthenticationError(
                message=f"Send your API token in the header 'Authorization: Bearer gw_…'. "
                f"Make one on your account page, {reverse('api_tokens')}."
            )
        return super().__call__(request)

    def authenticate(self, request, token: str) -> ApiToken:
        row = ApiToken.objects.select_related("user").filter(digest=digest(token)).first()
        if row is None:
            raise AuthenticationError(
                message="This API token is not known here: check that it was copied whole, "
                f"or make a new one at {reverse('api_tokens')}."
            )
        if row.revoked_at is not None:
            raise AuthenticationError(
                message=f"This API token ({row.name}) was revoked on "
                f"{row.revoked_at:%Y-%m-%d}; make a new one at {reverse('api_tokens')}."
            )
        if not row.user.is_active:
            raise AuthenticationError(message="The account this token belongs to is disabled.")
        _count_request(row)
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > TOUCH_EVERY_S:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row


def _count_request(row: ApiToken) -> None:
    """A fixed one-minute window per token in the cache (Redis when CACHE_URL points at it)."""
    now = time.time()
    key = f"api-rate:{row.pk}:{int(now // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    if count > settings.API_RATE_PER_MINUTE:
        raise RateLimited(retry_after=60 - int(now % 60))
