"""Helpers for the exchange tests: write a table to a file, run the command, read its JSON."""

import io
import json

import pytest
from django.core.management import call_command

from clusterhub.exchange.files import write_csv


def csv_file(tmp_path, header, rows, name="rows.csv"):
    path = tmp_path / name
    path.write_bytes(write_csv(header, rows))
    return path


def run_import(kind, path, user, *extra):
    """Run `clusterhub import … --json`; returns (report, exit status)."""
    out = io.StringIO()
    status = 0
    try:
        call_command(
            "import", kind, str(path), "--user", user.username, "--json", *extra, stdout=out
        )
    except SystemExit as exit_:
        status = exit_.code
    return json.loads(out.getvalue()), status


def counts(report):
    return (report["created"], report["updated"], report["unchanged"])


def no_errors(report):
    if report["errors"]:
        pytest.fail(f"unexpected errors: {report['errors']}")
