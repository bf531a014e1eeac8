"""Source data of Cluster Hub: the seed documents' tables as version-controlled CSV.

``data/sources/`` holds one CSV per printed table with provenance (document, printed
section and line, printed text of each cell, unit, kind). This package reads those files
(:mod:`.reader`) and recomputes the derived figures declared in ``checks.csv``
(:mod:`.validation`) so that mistakes in the sources are reported as findings.

Pure standard library: no Django, no database.
"""

from pathlib import Path

from .reader import (
    KINDS,
    UNITS,
    Cell,
    SourceData,
    SourceDataError,
    TableMeta,
    load_all,
    load_manifest,
    load_table,
)
from .validation import CellRef, Check, Finding, load_checks, validate

#: ``data/sources`` of this checkout (the package lives in ``<repo>/clusterhub/sourcedata``).
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "data" / "sources"

__all__ = [
    "DEFAULT_ROOT",
    "KINDS",
    "UNITS",
    "Cell",
    "CellRef",
    "Check",
    "Finding",
    "SourceData",
    "SourceDataError",
    "TableMeta",
    "load_all",
    "load_checks",
    "load_manifest",
    "load_table",
    "validate",
]
