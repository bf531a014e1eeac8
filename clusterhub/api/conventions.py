"""The API's conventions, in one place: pagination, ETags, the docs page.

- Lists take `limit` (1–1000, default 100) and `offset`, and answer
  `{"count", "limit", "offset", "items"}`; each list has a stable order (stated per endpoint).
- A successful GET carries an ETag (a hash of the body); `If-None-Match` with it is a 304.
- The interactive docs use the vendored Swagger UI from our static files, initialised by a
  static script, so the page keeps the site's Content-Security-Policy (no inline script).
"""

from __future__ import annotations

import hashlib
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from ninja import Field, NinjaAPI, Schema
from ninja.openapi.docs import DocsBase
from ninja.pagination import PaginationBase


class LimitOffset(PaginationBase):
    """`limit`/`offset` pagination that also echoes the page it served."""

    class Input(Schema):
        limit: int = Field(settings.API_PAGE_DEFAULT, ge=1, le=settings.API_PAGE_MAX)
        offset: int = Field(0, ge=0)

    class Output(Schema):
        count: int
        limit: int
        offset: int
        items: list[Any]

    def paginate_queryset(self, queryset, pagination: Input, **params):
        offset, limit = pagination.offset, pagination.limit
        count = len(queryset) if isinstance(queryset, list) else queryset.count()
        return {
            "count": count,
            "limit": limit,
            "offset": offset,
            "items": list(queryset[offset : offset + limit]),
        }


class ClusterHubAPI(NinjaAPI):
    """NinjaAPI with an ETag on every successful read and a 304 when the client has it."""

    def create_response(self, request: HttpRequest, data: Any, *, status=None, **kwargs):
        response = super().create_response(request, data, status=status, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        patch_vary_headers(response, ["Authorization", "Accept-Language"])
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            patch_vary_headers(not_modified, ["Authorization", "Accept-Language"])
            return not_modified
        return response

    def get_openapi_schema(self, **kwargs):
        """Ninja's schema, made exact where ninja cannot say it:

        - a public endpoint takes no token or a bearer token (ninja would require one);
        - errors are `application/problem+json`, and any endpoint may answer 401 (a token
          that is sent must be valid), 422 (invalid parameters) and 429 (the rate limit);
          one that takes a body, 400 (a body that is not JSON).
        """
        schema = super().get_openapi_schema(**kwargs)
        schemes = schema.get("components", {}).get("securitySchemes", {})
        schemes.pop(OPTIONAL_SCHEME, None)
        for operations in schema["paths"].values():
            for operation in operations.values():
                if operation.get("security") == [{OPTIONAL_SCHEME: []}]:
                    operation["security"] = [{}, {REQUIRED_SCHEME: []}]
                responses = operation["responses"]
                possible = (
                    (*ALWAYS_POSSIBLE, 400) if "requestBody" in operation else ALWAYS_POSSIBLE
                )
                for status in possible:
                    responses.setdefault(status, _problem_response(status))
                for status, response in responses.items():
                    if int(status) >= 400:
                        response["content"] = _problem_content()
        return schema


# The security schemes of `auth.token_required` and `auth.token_optional`, by class name.
REQUIRED_SCHEME, OPTIONAL_SCHEME = "ApiTokenAuth", "OptionalApiTokenAuth"
ALWAYS_POSSIBLE = (401, 422, 429)
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _problem_content() -> dict:
    return {"application/problem+json": {"schema": PROBLEM_REF}}


def _problem_response(status: int) -> dict:
    return {"description": HTTPStatus(status).phrase, "content": _problem_content()}


class VendoredSwagger(DocsBase):
    """Swagger UI from `static/vendor/swagger-ui/`, started by `static/clusterhub/api-docs.js`."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs) -> HttpResponse:
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", context)


def unseen_is_not_found(access, actor, *args, **kwargs):
    """Fetch through a policy's `access_*`; a refusal to show is a 404 in the API.

    The pages answer 403 so a signed-in user knows to ask for access; the API does not
    disclose that a record it will not show exists.
    """
    try:
        return access(actor, *args, **kwargs)
    except PermissionDenied as exc:
        raise Http404 from exc
