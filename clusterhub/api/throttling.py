"""The API's rate limit: so many calls per minute per token, or per address without one.

Counted in Django's cache (`CACHES["default"]`; with several server processes it must be a
shared cache such as Redis for the limit to hold across them). The rates come from
`settings.API_RATE_LIMITS` at each call, so a test or an operator can change them.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


class ApiRateThrottle(SimpleRateThrottle):
    """`API_RATE_LIMITS["token"]` for a call with a token, `["address"]` for one without."""

    scope = "api"

    def __init__(self):
        # The rate is read per call (see `allow_request`), not fixed at import.
        pass

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "api_token", None)
        rates = settings.API_RATE_LIMITS
        self.rate = rates["token"] if token is not None else rates["address"]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        token = getattr(request, "api_token", None)
        ident = f"token-{token.pk}" if token is not None else f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
