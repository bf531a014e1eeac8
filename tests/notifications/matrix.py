"""Permission-matrix rows for the notification pages (see tests/test_permission_matrix.py)."""

from tests.matrix_support import SIGNED_IN

ROWS = {
    "notifications:list": ("get", lambda w: {}, None, SIGNED_IN),
    "notifications:read": ("post", lambda w: {"notification_id": 999999}, {}, SIGNED_IN),
}
