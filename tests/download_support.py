"""Reading a list page's download (`?download=csv|xlsx`) back as rows, for the tests."""

from __future__ import annotations

import io

from clusterhub.core.downloads import CONTENT_TYPES
from clusterhub.exchange.files import read_table

FORMATS = ("csv", "xlsx")
BOM = "\ufeff".encode()


def download(client, url: str, request_format: str, **params) -> list[dict[str, str]]:
    """The rows of the list at `url` (with `params` as its filters) as the file gives them."""
    response = client.get(url, {**params, "download": request_format})
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == CONTENT_TYPES[request_format]
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith(f'.{request_format}"')
    if request_format == "csv":
        assert response.content.startswith(BOM)
    header, *rows = read_table(io.BytesIO(response.content), f"list.{request_format}")
    return [dict(zip(header, row, strict=True)) for row in rows]


def assert_refused(client, url: str, user=None) -> None:
    """The download is refused as the page is: a login for a visitor, 403 or 404 for a user."""
    if user is not None:
        client.force_login(user)
    for request_format in FORMATS:
        response = client.get(url, {"download": request_format})
        assert response.status_code in (302, 403, 404), response.status_code
        assert "Content-Disposition" not in response
    client.logout()
