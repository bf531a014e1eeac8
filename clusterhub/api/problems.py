"""Errors as RFC 9457 problem details: `type`, `title`, `status`, `detail` and, for invalid
input, `errors: [{"field", "message"}]` naming each field and what is wrong with it.

Every refusal of the API goes through here, so a client reads one shape whatever failed:
a page's 403 is a JSON 403, a page's 404 a JSON 404.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

PROBLEM_TYPE = "https://clusterhub.example/problems/"
PROBLEM_CONTENT_TYPE = "application/problem+json"


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    """The body of every error answer."""

    type: str
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = []


def problem_response(
    status: int, slug: str, title: str, detail: str = "", errors: list[dict] | None = None
) -> JsonResponse:
    body = {"type": PROBLEM_TYPE + slug, "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def problems(*statuses: int) -> dict[int, type[Problem]]:
    """The documented error answers of an endpoint, for its `response=` mapping."""
    return dict.fromkeys(statuses, Problem)


def _field_name(location: tuple) -> str:
    """`("query", "limit")` → `limit`; `("body", "payload", "held_on")` → `held_on`."""
    parts = [str(part) for part in location if part not in ("query", "path", "body", "payload")]
    return ".".join(parts) or "body"


def _invalid_input(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    errors = [
        {"field": _field_name(error.get("loc", ())), "message": error["msg"]}
        for error in exc.errors
    ]
    return problem_response(
        422, "invalid-input", _("The request has invalid fields."), errors=errors
    )


def _refused_by_service(request: HttpRequest, exc: DjangoValidationError) -> JsonResponse:
    """A service's `ValidationError`, as the page would show it next to its fields."""
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": " ".join(messages)}
            for field, messages in exc.message_dict.items()
        ]
    else:
        errors = [{"field": "body", "message": message} for message in exc.messages]
    return problem_response(
        422, "invalid-input", _("The request has invalid fields."), errors=errors
    )


def _not_found(request: HttpRequest, exc: Exception) -> JsonResponse:
    return problem_response(404, "not-found", _("Not found."))


def _forbidden(request: HttpRequest, exc: Exception) -> JsonResponse:
    return problem_response(403, "forbidden", _("You may not do this."))


def _unauthenticated(request: HttpRequest, exc: Exception) -> JsonResponse:
    response = problem_response(
        401,
        "unauthenticated",
        _("A valid API token is needed."),
        _("Send a personal API token as 'Authorization: Bearer <token>'."),
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def _throttled(request: HttpRequest, exc: Throttled) -> JsonResponse:
    wait = max(1, math.ceil(exc.wait or 1))
    response = problem_response(
        429, "too-many-requests", _("Too many requests."), _("Try again later.")
    )
    response["Retry-After"] = str(wait)
    return response


def _http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
    return problem_response(exc.status_code, "error", str(exc))


def problem_handlers_install(api) -> None:
    """Answer every refusal of `api` with a problem document."""
    api.add_exception_handler(ValidationError, _invalid_input)
    api.add_exception_handler(DjangoValidationError, _refused_by_service)
    api.add_exception_handler(Http404, _not_found)
    api.add_exception_handler(PermissionDenied, _forbidden)
    api.add_exception_handler(AuthenticationError, _unauthenticated)
    api.add_exception_handler(Throttled, _throttled)
    api.add_exception_handler(HttpError, _http_error)
