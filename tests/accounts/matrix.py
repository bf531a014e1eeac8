"""Permission-matrix rows for the API-token pages (see tests/test_permission_matrix.py).

The API's own endpoints have their own matrix (tests/api/test_api_matrix.py).
"""

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.services import api_token_create
from tests import factories as f
from tests.matrix_support import DENIED, LOGIN, OK, SIGNED_IN, everyone


def _someone_elses_token(w):
    owner = f.UserFactory()
    token, _secret = api_token_create(actor=actor_for(owner), user=owner, name="someone's")
    return {"token_id": token.pk}


ROWS = {
    "accounts:api_token_list": ("get", lambda w: {}, None, SIGNED_IN),
    # A token is revoked by its owner; the program office may revoke anyone's.
    "accounts:api_token_revoke": (
        "post",
        _someone_elses_token,
        {},
        {**everyone(DENIED), "public": LOGIN, "program_office": OK},
    ),
}
