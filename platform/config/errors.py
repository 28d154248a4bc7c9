"""Error pages. With DEBUG on (the quick start) Django answers an unknown URL with its technical
page, which lists every URL pattern of the site; learners get the site's own 404 page instead."""

from django.conf import settings
from django.shortcuts import render

TECHNICAL_MARK = b"DEBUG = True"  # in Django's technical 404 page, never in ours


class BrandedNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not getattr(response, "streaming", False)
            and TECHNICAL_MARK in response.content
        ):
            return render(request, "404.html", status=404)
        return response
