"""The import page: upload, preview, commit; large files in the background; the download."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterhub.directory.models import Organization
from clusterhub.exchange import services
from clusterhub.exchange.files import read_table, write_csv, write_xlsx
from clusterhub.exchange.models import ImportBatch
from tests import factories as f

pytestmark = pytest.mark.django_db
HEADER = ["slug", "name_ko", "name_en", "kind", "zone"]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def zone():
    return f.ZoneFactory(code="capital")


def _upload(client, rows, name="orgs.csv", **extra):
    content = write_xlsx(HEADER, rows) if name.endswith(".xlsx") else write_csv(HEADER, rows)
    data = {"kind": "organizations", "file": SimpleUploadedFile(name, content), **extra}
    return client.post(reverse("exchange:import_start"), data)


def test_a_preview_shows_the_counts_and_writes_nothing_until_committed(client, zone):
    # given
    office = f.ProgramOfficeFactory()
    f.OrganizationFactory(slug="old", name_ko="옛", name_en="Old", zone=zone, complex=None)
    client.force_login(office)
    # when the file is uploaded
    response = _upload(
        client,
        [
            ["new", "새", "New", "company", "capital"],
            ["old", "옛 이름", "Old", "company", "capital"],
        ],
        name="orgs.xlsx",
    )
    batch = ImportBatch.objects.get()
    page = client.get(response["Location"]).content.decode()
    # then it is previewed, not written
    assert batch.status == "previewed"
    assert (batch.report["created"], batch.report["updated"]) == (1, 1)
    assert batch.report["samples"]["update"][0]["fields"] == ["name_ko"]
    assert not Organization.objects.filter(slug="new").exists()
    assert reverse("exchange:batch_commit", kwargs={"pk": batch.pk}) in page
    # when it is committed
    client.post(reverse("exchange:batch_commit", kwargs={"pk": batch.pk}))
    # then the rows are written as the uploader
    batch.refresh_from_db()
    assert batch.status == "done"
    assert Organization.objects.get(slug="new").history.get().history_user == office
    assert Organization.objects.get(slug="old").name_ko == "옛 이름"


def test_a_file_with_errors_is_shown_with_them_and_cannot_be_committed(client, zone):
    office = f.ProgramOfficeFactory()
    client.force_login(office)
    _upload(client, [["ok", "가", "A", "company", "capital"], ["bad", "나", "B", "ufo", "capital"]])
    batch = ImportBatch.objects.get()

    page = client.get(batch.get_absolute_url()).content.decode()
    client.post(reverse("exchange:batch_commit", kwargs={"pk": batch.pk}))

    assert batch.report["errors"] == [
        {"row": 3, "column": "kind", "message": batch.report["errors"][0]["message"]}
    ]
    assert "ufo" in page
    assert not Organization.objects.filter(slug="ok").exists()


def test_an_unreadable_file_is_refused_on_the_form(client, zone):
    client.force_login(f.ProgramOfficeFactory())

    response = client.post(
        reverse("exchange:import_start"),
        {"kind": "organizations", "file": SimpleUploadedFile("x.xlsx", b"not a zip")},
    )

    assert response.status_code == 200
    assert not ImportBatch.objects.exists()


def test_a_large_file_is_checked_and_imported_by_a_background_job(
    client, zone, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "LARGE_FILE_ROWS", 2)
    monkeypatch.setattr("clusterhub.exchange.importing.PROGRESS_EVERY", 1)
    client.force_login(f.ProgramOfficeFactory())
    rows = [[f"o{n}", f"기관{n}", f"Org {n}", "company", "capital"] for n in range(3)]
    # when uploaded, the check waits for the job
    with django_capture_on_commit_callbacks() as callbacks:
        _upload(client, rows)
    batch = ImportBatch.objects.get()
    progress = client.get(batch.get_absolute_url(), headers={"HX-Request": "true"})
    assert batch.status == "previewing"
    assert b"<progress" in progress.content
    assert b'hx-trigger="every 2s"' in progress.content
    # then the job runs it, and the commit goes to the background too
    for callback in callbacks:
        callback()
    batch.refresh_from_db()
    assert batch.status == "previewed"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:batch_commit", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == "done"
    assert batch.done_rows == 3
    assert Organization.objects.filter(slug__startswith="o").count() == 3


def test_regional_staff_see_errors_for_rows_outside_their_zone(client, zone):
    client.force_login(f.RegionalStaffFactory(zone=f.ZoneFactory()))

    _upload(client, [["x", "가", "A", "company", "capital"]])

    assert ImportBatch.objects.get().report["errors"][0]["column"] == "zone"


def test_the_directory_download_keeps_the_filters_and_hides_private_fields(client, zone):
    f.OrganizationFactory(slug="uni", kind="university", zone=zone, complex=None, phone="02-1")
    f.OrganizationFactory(slug="co", kind="company", zone=zone, complex=None)
    url = reverse("exchange:organization_download", kwargs={"fmt": "csv"})

    public = client.get(url, {"kind": "university"})
    client.force_login(f.ProgramOfficeFactory())
    private = client.get(url, {"kind": "university"})

    header, *rows = read_table(_bytes(public), "a.csv")
    assert [row[header.index("slug")] for row in rows] == ["uni"]
    assert "phone" not in header
    private_header, private_row = read_table(_bytes(private), "a.csv")
    assert private_row[private_header.index("phone")] == "02-1"


def test_the_directory_list_links_to_the_download_with_its_query(client, zone):
    response = client.get(reverse("directory:organization_list"), {"kind": "company"})

    assert b"/exchange/export/organizations.csv?kind=company" in response.content


def _bytes(response):
    return io.BytesIO(response.content)


def test_a_background_job_that_breaks_marks_its_batch_failed(client, zone, monkeypatch):
    client.force_login(f.ProgramOfficeFactory())
    monkeypatch.setattr(services, "LARGE_FILE_ROWS", 0)
    _upload(client, [["a", "가", "A", "company", "capital"]])
    batch = ImportBatch.objects.get()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "run_import", broken)
    services.batch_process(batch_id=batch.pk, commit=False)

    batch.refresh_from_db()
    assert batch.status == "failed"
    assert batch.report["errors"][0]["row"] == 0
