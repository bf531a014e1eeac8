"""Public reads of the source documents' statistics: tables, observations with their
provenance (document, table, CSV row, the cell as printed), and the validator's findings."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from clusterhub.api.conventions import LimitOffset
from clusterhub.api.problems import problems
from clusterhub.statistics import policies
from clusterhub.statistics import selectors as statistics
from clusterhub.statistics.models import Kind

router = Router(tags=["statistics"])


class TableOut(Schema):
    table_id: str
    document: str
    document_title_ko: str
    document_title_en: str
    publisher: str
    published: str
    title_ko: str
    title_en: str
    name_ko: str
    name_en: str
    section: str
    default_unit: str
    notes: str

    @staticmethod
    def resolve_document(table) -> str:
        return table.document.file_name

    @staticmethod
    def resolve_document_title_ko(table) -> str:
        return table.document.title_ko

    @staticmethod
    def resolve_document_title_en(table) -> str:
        return table.document.title_en

    @staticmethod
    def resolve_publisher(table) -> str:
        return table.document.publisher

    @staticmethod
    def resolve_published(table) -> str:
        return table.document.published

    @staticmethod
    def resolve_name_ko(table) -> str:
        return table.title_ko

    @staticmethod
    def resolve_name_en(table) -> str:
        return table.title_en


class ObservationOut(Schema):
    """One value of a source table; `document`, `table`, `source_row` and `printed` say
    exactly where it was read."""

    id: int
    document: str
    table: str
    source_row: int
    row_label: str
    column_label: str
    series: str
    value: Decimal | None
    printed: str
    unit: str
    kind: str
    place: str
    industry: str
    size_band: str
    metric: str
    year: int | None
    note: str

    @staticmethod
    def resolve_document(observation) -> str:
        return observation.table.document.file_name

    @staticmethod
    def resolve_table(observation) -> str:
        return observation.table.table_id


class FindingOut(Schema):
    id: int
    table: str
    check_id: str
    rule: str
    row_label: str
    column_label: str
    series: str
    printed: str
    printed_value: Decimal
    computed: Decimal
    difference: Decimal
    tolerance: Decimal
    message_ko: str
    message_en: str
    note: str

    @staticmethod
    def resolve_table(finding) -> str:
        return finding.table.table_id


@router.get("/statistics/tables", response=list[TableOut], summary="Source tables, by document")
@paginate(LimitOffset)
def table_list(request: HttpRequest):
    return statistics.table_list()


@router.get("/statistics/tables/{table_id}", response={200: TableOut, **problems(404)})
def table_detail(request: HttpRequest, table_id: str):
    return policies.access_source_table(table_id)


@router.get(
    "/statistics/observations",
    response=list[ObservationOut],
    summary="Observations with provenance, by table and CSV row",
)
@paginate(LimitOffset)
def observation_list(
    request: HttpRequest,
    table: str = "",
    place: str = "",
    industry: str = "",
    metric: str = "",
    kind: Kind | None = None,
    year: int | None = None,
):
    return statistics.observation_list(
        table_id=table,
        place=place,
        industry=industry,
        metric=metric,
        kind=kind.value if kind else "",
        year=year,
    )


@router.get(
    "/statistics/findings",
    response=list[FindingOut],
    summary="The validator's findings, by table and check",
)
@paginate(LimitOffset)
def finding_list(request: HttpRequest, table: str = "", rule: str = ""):
    return statistics.finding_list(table_id=table, rule=rule)
