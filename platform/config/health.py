"""GET /healthz: 200 when the database answers, 503 when it does not. For the container healthcheck
and load balancers: it answers before the host check and the https redirect, and sets no cookie."""

from django.db import connection
from django.http import JsonResponse


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != "/healthz" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return JsonResponse({"status": "ok", "database": "ok"})
        except Exception as e:  # any database error means "not healthy", with its class for the operator
            connection.close()
            return JsonResponse({"status": "error", "database": type(e).__name__}, status=503)
