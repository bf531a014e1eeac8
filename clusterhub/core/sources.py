"""The loaders `load-sources` runs: each app registers the loader of the data it owns.

Core sits below every app, so it cannot name their loaders; instead each app registers its
own in `AppConfig.ready()` with its place in the order (industries before the zones that
name them, the statistics tables before the goals read from them). `sources_load` runs
them all in that order in one transaction: a file that cannot be read leaves the database
as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from clusterhub.core.reference import LoadReport, ReferenceDataError


@dataclass(frozen=True)
class SourceLoader:
    """One app's loader: it reads under the data directory (`data/`) and reports its writes."""

    name: str
    order: int
    function: Callable[[Path], LoadReport]
    # What the loader raises for a file it cannot read, besides `ReferenceDataError`.
    errors: tuple[type[Exception], ...] = ()


_LOADERS: dict[str, SourceLoader] = {}


def register_source_loader(
    name: str,
    order: int,
    function: Callable[[Path], LoadReport],
    *,
    errors: tuple[type[Exception], ...] = (),
) -> None:
    """Add an app's loader to `load-sources`; registering a name again replaces it."""
    _LOADERS[name] = SourceLoader(name=name, order=order, function=function, errors=errors)


def source_loaders() -> list[SourceLoader]:
    """The registered loaders in the order they run."""
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.name))


def source_data_errors() -> tuple[type[Exception], ...]:
    """Every error that means "a source file cannot be read", so nothing was loaded."""
    errors: tuple[type[Exception], ...] = (ReferenceDataError,)
    for loader in source_loaders():
        errors += tuple(error for error in loader.errors if error not in errors)
    return errors


@transaction.atomic
def sources_load(data_dir: Path) -> LoadReport:
    """Run every registered loader on `data_dir`, in order, in one transaction."""
    report = LoadReport()
    for loader in source_loaders():
        report.merge(loader.function(data_dir))
    return report
