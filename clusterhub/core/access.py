"""View helpers shared by every app's pages."""

from functools import wraps

from django.core.exceptions import PermissionDenied


def login_required_for_page(view):
    """Any signed-in user; visitors are sent to the login page (see core.middleware)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
