"""Views that belong to no domain area."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe: answers without templates, sessions or the database."""
    return HttpResponse("ok", content_type="text/plain")
