"""The source list's download: one row per source table, with its document."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.download_support import FORMATS, download

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_source_list_downloads_every_table_with_its_document(client, request_format):
    document = f.SourceDocumentFactory(file_name="003_report.txt", title_ko="광역경제권 보고서")
    f.SourceTableFactory(document=document, table_id="d003_a", title_en="=SUM(A1:A9)", position=1)
    f.SourceTableFactory(document=document, table_id="d003_b", position=2)

    rows = download(client, reverse("statistics:source_list"), request_format)

    assert [(row["file_name"], row["table_id"]) for row in rows] == [
        ("003_report.txt", "d003_a"),
        ("003_report.txt", "d003_b"),
    ]
    assert rows[0]["document_title_ko"] == "광역경제권 보고서"
    assert rows[0]["title_en"] == "'=SUM(A1:A9)"
    assert rows[0]["value_count"] == "0"
