"""The database a bench run measures: built once per scale and database, then reused.

SQLite datasets live in `var/bench/<scale>.sqlite3`. A PostgreSQL dataset lives in the
database DATABASE_URL names; the bench only ever drops and recreates a database whose name
contains "bench", so it cannot wipe a real one by mistake.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
CLUSTERHUB = str(Path(sys.executable).parent / "clusterhub")


@dataclass(frozen=True)
class Target:
    """Which database a run uses, and how to reach it from a subprocess."""

    scale: str
    url: str

    @property
    def config(self) -> dict:
        return dj_database_url.parse(self.url)

    @property
    def engine(self) -> str:
        return "postgresql" if "postgresql" in self.config["ENGINE"] else "sqlite"

    @property
    def name(self) -> str:
        return str(self.config["NAME"])

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.demo",
            "DATABASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            # The bench times the API's lists from one address; its rate limit is not timed.
            "API_RATE_LIMIT_ADDRESS": "1000000/m",
        }

    def sibling(self, suffix: str) -> Target:
        """Another database next to this one (for timing tasks on an empty database)."""
        if self.engine == "sqlite":
            return Target(self.scale, f"sqlite:///{BENCH_VAR / f'{self.scale}-{suffix}.sqlite3'}")
        base, _, _name = self.url.rpartition("/")
        return Target(self.scale, f"{base}/{self.name}_{suffix}")


def target_for(scale: str) -> Target:
    url = os.environ.get("DATABASE_URL")
    if not url:
        BENCH_VAR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{BENCH_VAR / f'{scale}.sqlite3'}"
    return Target(scale, url)


def clusterhub(target: Target, *args: str, quiet: bool = False) -> float:
    """Run a `clusterhub` command against the target; returns its wall time in seconds."""
    started = time.monotonic()
    subprocess.run(
        [CLUSTERHUB, *args],
        cwd=ROOT,
        env=target.env(),
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    return time.monotonic() - started


def recreate(target: Target) -> None:
    """Start from an empty database: delete the SQLite file, or drop and create the database."""
    if target.engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(target.name + suffix).unlink(missing_ok=True)
        return
    if "bench" not in target.name:
        raise SystemExit(
            f"Refusing to rebuild PostgreSQL database {target.name!r}: its name does not "
            "contain 'bench'. Point DATABASE_URL at a bench database, e.g. clusterhub_bench."
        )
    import psycopg

    config = target.config
    with psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{target.name}"')


def drop(target: Target) -> None:
    """Remove a scratch database made by `sibling`."""
    if target.engine == "sqlite":
        recreate(target)
        return
    import psycopg

    config = target.config
    with psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')


# Run by `clusterhub shell` against the target: which demo dataset does it hold?
PROBE = """
from django.db.utils import DatabaseError
from clusterhub.demo.scale import demo_dataset
try:
    found = demo_dataset()
except DatabaseError:
    found = None
if found:
    print("DATASET", found.scale, found.seed, found.version, found.seconds or "")
"""


ANALYZE = "from django.db import connection\nconnection.cursor().execute('ANALYZE')"


@dataclass
class DatasetReport:
    status: str  # "built" or "reused"
    seconds: dict[str, float] = field(default_factory=dict)
    generator_seconds: float | None = None


def present_dataset(target: Target):
    """The demo dataset in the target database, read in a subprocess (None if empty)."""
    if target.engine == "sqlite" and not Path(target.name).exists():
        return None
    result = subprocess.run(
        [CLUSTERHUB, "shell", "--no-imports", "-c", PROBE],
        cwd=ROOT,
        env=target.env(),
        check=False,
        capture_output=True,
        text=True,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("DATASET")]
    fields = lines[-1].split()[1:] if result.returncode == 0 and lines else []
    if len(fields) < 3:
        return None
    seconds = float(fields[3]) if len(fields) > 3 else None
    return fields[0], int(fields[1]), int(fields[2]), seconds


def ensure_dataset(target: Target, *, seed: int, version: int, say) -> DatasetReport:
    """Reuse the target's dataset if it is this scale, seed and generator; else build it."""
    present = present_dataset(target)
    wanted_version = version if target.scale != "small" else 0
    if present and present[:3] == (target.scale, seed, wanted_version):
        say(f"Reusing the {target.scale} dataset in {target.engine} ({target.name}).")
        clusterhub(target, "migrate", "--no-input", "-v0")
        # As a production database's autovacuum would have: plan with current statistics.
        clusterhub(target, "shell", "--no-imports", "-c", ANALYZE)
        return DatasetReport("reused", generator_seconds=present[3])
    say(f"Building the {target.scale} dataset in {target.engine} ({target.name}) …")
    recreate(target)
    report = DatasetReport("built")
    report.seconds["migrate"] = clusterhub(target, "migrate", "--no-input", "-v0")
    report.seconds["load-sources"] = clusterhub(target, "load-sources", quiet=True)
    arguments = ["generate-demo", "--seed", str(seed)]
    if target.scale != "small":
        arguments += ["--scale", target.scale]
    report.seconds["generate-demo"] = clusterhub(target, *arguments)
    present = present_dataset(target)
    report.generator_seconds = present[3] if present else None
    return report
