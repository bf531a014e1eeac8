"""Permission-matrix rows for the import page and the directory download."""

from clusterhub.exchange.models import ImportBatch
from tests import factories as f
from tests.matrix_support import DENIED, LOGIN, OK, everyone

STAFF = {
    **everyone(DENIED),
    "public": LOGIN,
    "program_office": OK,
    "regional_staff": OK,
    "regional_staff_other_zone": OK,
}
# A batch is seen by its uploader (here another program-office user) and the program office.
BATCH_VIEWERS = {**everyone(DENIED), "public": LOGIN, "program_office": OK}


def _batch(w):
    batch = ImportBatch.objects.create(
        kind="organizations",
        file="imports/matrix.csv",
        file_name="matrix.csv",
        uploaded_by=f.ProgramOfficeFactory(),
        status="previewed",
        report={"created": 0, "updated": 0, "unchanged": 0, "errors": []},
    )
    return {"pk": batch.pk}


ROWS = {
    "exchange:import_start": ("get", lambda w: {}, None, STAFF),
    "exchange:batch_detail": ("get", _batch, None, BATCH_VIEWERS),
    # Only the uploader commits; the program office sees the batch but is sent back to it.
    "exchange:batch_commit": ("post", _batch, {}, {**everyone(DENIED), "public": LOGIN}),
    "exchange:organization_download": ("get", lambda w: {"fmt": "csv"}, None, everyone(OK)),
}
