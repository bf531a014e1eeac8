"""Turn a permission refusal into a login prompt for visitors who are not signed in."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


class LoginForAnonymousDeniedMiddleware:
    """A denied anonymous visitor is sent to log in; a denied user gets 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, PermissionDenied) and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return None
