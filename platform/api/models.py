"""Personal API tokens: what the command-line client and notebooks sign in with.

Only a SHA-256 digest of each token is stored (a token is 32 random bytes, so a fast hash is enough:
there is nothing to guess). The learner sees the token once, when it is made, and revokes it on the
account page; a token can do what its owner can do on the site's pages, nothing more."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "gw_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60, help_text="Where it is used: 'laptop', 'Colab'.")
    digest = models.CharField(max_length=64, unique=True)
    shown = models.CharField(max_length=12, help_text="The token's first characters, to tell tokens apart.")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} · {self.name} ({self.shown}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        """A new token for `user`: the row and the token itself, which is never stored."""
        token = PREFIX + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=digest(token), shown=token[:10]), token

    @property
    def active(self) -> bool:
        return self.revoked_at is None
