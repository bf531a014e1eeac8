"""Benchmark the bulk import: N organization rows through `clusterhub import`, then again.

    python -m bench.import_organizations [ROWS]           # 100,000 by default

Builds a database of its own (SQLite in `var/bench/import.sqlite3`, recreated each run; or
the PostgreSQL database DATABASE_URL names, which must contain "bench" since its
organizations are replaced), loads the reference data, writes a CSV of ROWS organizations
spread over the real zones, complexes and industries, and times, as wall time of the
command including Python start-up: the first import (every row created, with history),
the same file again (every row unchanged), and a file with every tenth row changed.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
USER = "bench-import"
HEADER = ["slug", "name_ko", "name_en", "kind", "zone", "complex", "industry", "size"]
HEADER += ["founded_year", "employees", "annual_sales_eok", "email"]


def _manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, env=env)


def _timed(label: str, rows: int, *args: str, env: dict) -> float:
    started = time.perf_counter()
    _manage(*args, env=env)
    seconds = time.perf_counter() - started
    print(f"{label:<28} {seconds:8.1f} s  {rows / seconds:8.0f} rows/s", flush=True)
    return seconds


def _write_rows(path: Path, rows: int, places: list[tuple[str, str, str]], changed_every=0):
    kinds = ["company"] * 8 + ["university", "research_institute"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            zone, complex_, industry = places[n % len(places)]
            suffix = " (changed)" if changed_every and n % changed_every == 0 else ""
            writer.writerow(
                [
                    *(f"bench-{n:06d}", f"벤치 기업 {n}", f"Bench company {n}{suffix}"),
                    *(kinds[n % 10], zone, complex_, industry, "small_medium"),
                    *(1970 + n % 55, 5 + n % 300, f"{n % 5000}.5", f"info{n}@example.org"),
                ]
            )


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    url = os.environ.get("DATABASE_URL")
    if url and "bench" not in dj_database_url.parse(url)["NAME"]:
        raise SystemExit("DATABASE_URL must name a database whose name contains 'bench'.")
    if not url:
        BENCH_VAR.mkdir(parents=True, exist_ok=True)
        database = BENCH_VAR / "import.sqlite3"
        database.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{database}"
    _manage("migrate", "--verbosity", "0", env=env)
    _manage("load_sources", "--verbosity", "0", env=env)
    script = (
        "from clusterhub.accounts.models import User;"
        "from clusterhub.directory.models import Organization;"
        "from clusterhub.geography.models import Complex;"
        "Organization.objects.filter(slug__startswith='bench-').delete();"
        f"User.objects.filter(username='{USER}').exists() or "
        f"User.objects.create_superuser('{USER}', password=None);"
        "from clusterhub.industries.models import Industry;"
        "codes = list(Industry.objects.values_list('code', flat=True)) or [''];"
        "print('\\n'.join(f'{c.zone.code},{c.code},{codes[i % len(codes)]}'"
        " for i, c in enumerate(Complex.objects.select_related('zone'))))"
    )
    listing = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    places = [tuple(line.split(",")) for line in listing.split() if line.count(",") == 2]
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    first, changed = BENCH_VAR / "organizations.csv", BENCH_VAR / "organizations-changed.csv"
    _write_rows(first, rows, places)
    _write_rows(changed, rows, places, changed_every=10)
    database = "PostgreSQL" if url else "SQLite"
    print(f"{rows} organization rows, {database}, {os.cpu_count()} CPUs (shared)")
    command = ("import", "organizations", "--user", USER, "--verbosity", "0")
    _timed("import (all created)", rows, *command[:2], str(first), *command[2:], env=env)
    _timed("same file (all unchanged)", rows, *command[:2], str(first), *command[2:], env=env)
    _timed("every 10th row changed", rows, *command[:2], str(changed), *command[2:], env=env)


if __name__ == "__main__":
    main()
