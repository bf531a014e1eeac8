"""`make bench` (`python -m bench`): measure the main pages against a dataset of a given scale.

1. Build or reuse the dataset (`bench.dataset`), keyed by scale and database.
2. Time the tasks of `bench.pages.TASKS` on a fresh, empty database.
3. Count the SQL queries one request of each page issues, in this process, with Django's
   test client and `CaptureQueriesContext` against the same database.
4. Serve the dataset with gunicorn (production settings, DEBUG off) on a free port of
   127.0.0.1 and send each page a bounded load: BENCH_REQUESTS requests from
   BENCH_CONCURRENCY threads, at most BENCH_PAGE_SECONDS per page and BENCH_MAX_SECONDS in
   all. /healthz goes first: every page's p50 is also given as a multiple of its p50.
5. Print a table and write `bench/results/<date>-<scale>-<db>.json`.

Settings come from the environment: BENCH_SCALE (small, regional — the default —,
national), DATABASE_URL (PostgreSQL; SQLite in var/bench/ otherwise), BENCH_REQUESTS (200),
BENCH_CONCURRENCY (4), BENCH_WORKERS (gunicorn workers, 3 as `make run`),
BENCH_PAGE_SECONDS (30), BENCH_MAX_SECONDS (480). See bench/README.md.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench import dataset
from bench.load import LoadResult, get, run_load
from bench.pages import HEALTHZ, PAGES, TASKS, Page

RESULTS = Path(__file__).resolve().parent / "results"
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
IN_PROCESS_TIMEOUT = 60  # seconds a query may take while counting (PostgreSQL)


def _setting(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def say(line: str = "") -> None:
    print(line, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def time_tasks(target: dataset.Target) -> list[dict]:
    """Each task on a fresh database (migrated, not timed), then the database is dropped."""
    rows = []
    for task in TASKS:
        if task.command is None:
            rows.append({"name": task.name, "available": False, "seconds": None})
            continue
        if task.on_dataset:
            seconds = dataset.clusterhub(target, *task.command, quiet=True)
            say(f"  {task.name}: {seconds:.1f} s")
            rows.append({"name": task.name, "available": True, "seconds": round(seconds, 2)})
            continue
        scratch = target.sibling("fresh")
        dataset.recreate(scratch)
        try:
            dataset.clusterhub(scratch, "migrate", "--no-input", "-v0")
            seconds = dataset.clusterhub(scratch, *task.command, quiet=True)
        finally:
            dataset.drop(scratch)
        say(f"  {task.name}: {seconds:.1f} s")
        rows.append({"name": task.name, "available": True, "seconds": round(seconds, 2)})
    return rows


def setup_django(target: dataset.Target) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.demo"
    os.environ["DATABASE_URL"] = target.url
    import django

    django.setup()


def resolve(page: Page) -> str | None:
    """The page's path under /ko/, or None while its URL name does not exist."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    try:
        with translation.override("ko"):
            path = reverse(page.url_name, kwargs=page.kwargs or None)
    except NoReverseMatch:
        return None
    return f"{path}?{page.query}" if page.query else path


def measure_in_process(page: Page, path: str) -> dict:
    """Queries one request issues (after one warm-up request), its status and size,
    and the session cookie of its user for the load that follows."""
    from django.conf import settings
    from django.db import DatabaseError, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from clusterhub.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    cookie = None
    if page.user:
        client.force_login(
            User.objects.get(username=page.user),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    if connection.vendor == "postgresql":
        # A page that takes minutes is a finding, not a reason to hang the run.
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [f"{IN_PROCESS_TIMEOUT}s"])
    try:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
    except DatabaseError as error:
        say(f"  {page.name}: {error}".rstrip())
        return {"status": "database error", "queries": None, "bytes": None, "cookie": cookie}
    return {
        "status": response.status_code,
        "queries": len(queries),
        "bytes": len(response.content),
        "cookie": cookie,
    }


def start_server(target: dataset.Target, port: int, workers: int) -> subprocess.Popen:
    log = open(dataset.BENCH_VAR / "gunicorn.log", "ab")  # noqa: SIM115 - closed with the server
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=dataset.ROOT,
        env=target.env(),
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {dataset.BENCH_VAR / 'gunicorn.log'}")
        try:
            if get(port, "/healthz", {"Host": "127.0.0.1"}, timeout=2) == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def row_counts() -> dict[str, int]:
    from clusterhub.directory.models import ExpertProfile, Organization, Person
    from clusterhub.geography.models import Complex
    from clusterhub.networks.models import (
        Attendance,
        MiniCluster,
        MiniClusterMembership,
        NetworkingActivity,
    )
    from clusterhub.statistics.models import Observation

    models = {
        "complexes": Complex,
        "organizations": Organization,
        "people": Person,
        "experts": ExpertProfile,
        "mini clusters": MiniCluster,
        "memberships": MiniClusterMembership,
        "activities": NetworkingActivity,
        "attendance rows": Attendance,
        "observations": Observation,
    }
    return {name: model.objects.count() for name, model in models.items()}


def _ms(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def page_row(page: Page, path: str | None, measured: dict | None, load: LoadResult | None) -> dict:
    row = {"name": page.name, "path": path, "user": page.user, "available": path is not None}
    if measured:
        row.update({k: measured[k] for k in ("status", "queries", "bytes")})
    if load is not None:
        row.update(
            {
                "requests": load.requests,
                "errors": load.errors,
                "seconds": round(load.seconds, 2),
                "rps": round(load.rps, 1),
                "p50_ms": _ms(load.percentile_ms(0.50)),
                "p95_ms": _ms(load.percentile_ms(0.95)),
                "stopped_by_time": load.stopped_by_time,
            }
        )
    return row


def print_table(result: dict) -> None:
    say()
    say(
        f"Cluster Hub bench — {result['scale']} on {result['database']}, {result['date']} "
        f"({result['settings']['requests']} requests × {result['settings']['concurrency']} "
        f"threads per page, {result['settings']['workers']} gunicorn workers)"
    )
    header = f"{'page':<24} {'req':>5} {'err':>4} {'rps':>7} {'p50 ms':>8} {'p95 ms':>8} "
    header += f"{'×healthz':>9} {'queries':>8} {'KB':>6}"
    say(header)
    say("-" * len(header))
    machine = result["machine"]
    for row in [result["healthz"], *result["pages"]]:
        if not row["available"]:
            say(f"{row['name']:<24} not available yet")
            continue
        if "requests" not in row:
            reason = row.get("skipped") or f"status {row.get('status')}"
            say(f"{row['name']:<24} skipped: {reason}")
            continue
        ratio = row.get("ratio_to_healthz")
        queries = row.get("queries")
        size = row.get("bytes")
        say(
            f"{row['name']:<24} {row['requests']:>5} {row['errors']:>4} {row['rps']:>7.1f} "
            f"{row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{(f'{ratio:.1f}' if ratio is not None else '—'):>9} "
            f"{(queries if queries is not None else '—')!s:>8} "
            f"{(f'{size / 1024:.0f}' if size is not None else '—'):>6}"
        )
    say()
    for task in result["tasks"]:
        value = f"{task['seconds']:.1f} s" if task["available"] else "not available yet"
        say(f"{task['name']:<34} {value}")
    data = result["dataset"]
    built = ", ".join(f"{k} {v:.1f} s" for k, v in data["seconds"].items())
    say(f"{'dataset':<34} {data['status']}{f' ({built})' if built else ''}")
    if data.get("generator_seconds") is not None:
        say(f"{'generator (inside generate-demo)':<34} {data['generator_seconds']:.1f} s")
    say("rows: " + ", ".join(f"{k} {v:,}" for k, v in data["rows"].items()))
    say(
        f"machine: {machine['cpus']} CPUs, load average {machine['load_average_before']} before "
        f"and {machine['load_average_after']} after the load"
    )


def main() -> None:
    scale = os.environ.get("BENCH_SCALE") or "regional"
    requests = _setting("BENCH_REQUESTS", 200)
    concurrency = _setting("BENCH_CONCURRENCY", 4)
    workers = _setting("BENCH_WORKERS", 3)
    page_seconds = _setting("BENCH_PAGE_SECONDS", 30)
    max_seconds = _setting("BENCH_MAX_SECONDS", 480)
    target = dataset.target_for(scale)
    dataset.BENCH_VAR.mkdir(parents=True, exist_ok=True)
    # Django is set up first (it connects to the database only when asked), so the
    # generator's constants can be read; the dataset itself is built in subprocesses.
    setup_django(target)
    from clusterhub.demo.population import DEMO_SEED
    from clusterhub.demo.scale import GENERATOR_VERSION, SCALE_CHOICES

    if scale not in SCALE_CHOICES:
        raise SystemExit(f"BENCH_SCALE must be one of {', '.join(SCALE_CHOICES)}")
    report = dataset.ensure_dataset(target, seed=DEMO_SEED, version=GENERATOR_VERSION, say=say)
    dataset.clusterhub(target, "collectstatic", "--no-input", "-v0")
    say("Timing tasks on a fresh database …")
    tasks = time_tasks(target)

    from django.db import connections

    say("Counting queries per page …")
    plan = []
    for page in [HEALTHZ, *PAGES]:
        path = resolve(page)
        measured = measure_in_process(page, path) if path else None
        plan.append((page, path, measured))
    connections.close_all()

    load_before = os.getloadavg()[0]
    if load_before > 1.0:
        say(f"Note: load average {load_before:.1f} before the load; other work skews latencies.")
    port = free_port()
    say(f"Serving with gunicorn on 127.0.0.1:{port} ({workers} workers) …")
    server = start_server(target, port, workers)
    rows = []
    deadline = time.monotonic() + max_seconds
    try:
        for page, path, measured in plan:
            load = None
            row = page_row(page, path, measured, None)
            if path and measured and measured["status"] != 200:
                row["skipped"] = f"status {measured['status']} in process"
            elif path and time.monotonic() >= deadline:
                row["skipped"] = "over BENCH_MAX_SECONDS"
            elif path:
                headers = {"Cookie": measured["cookie"]} if measured["cookie"] else {}
                load = run_load(
                    port=port,
                    path=path,
                    headers=headers,
                    requests=requests,
                    concurrency=concurrency,
                    time_limit=min(page_seconds, max(1, deadline - time.monotonic())),
                    warmup=workers * 2,
                )
                row = page_row(page, path, measured, load)
                say(f"  {page.name}: p50 {row['p50_ms']} ms, {row['rps']} requests/s")
            rows.append(row)
    finally:
        stop_server(server)

    healthz, pages = rows[0], rows[1:]
    for row in pages:
        if row.get("p50_ms") and healthz.get("p50_ms"):
            row["ratio_to_healthz"] = round(row["p50_ms"] / healthz["p50_ms"], 1)
    today = datetime.date.today().isoformat()
    result = {
        "date": today,
        "scale": scale,
        "database": target.engine,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": round(load_before, 2),
            "load_average_after": round(os.getloadavg()[0], 2),
        },
        "settings": {
            "requests": requests,
            "concurrency": concurrency,
            "workers": workers,
            "page_seconds": page_seconds,
            "max_seconds": max_seconds,
        },
        "dataset": {
            "status": report.status,
            "seconds": {k: round(v, 1) for k, v in report.seconds.items()},
            "generator_seconds": report.generator_seconds,
            "rows": row_counts(),
        },
        "healthz": healthz,
        "pages": pages,
        "tasks": tasks,
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{today}-{scale}-{target.engine}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_table(result)
    say(f"\nWritten to {path.relative_to(dataset.ROOT)}")


if __name__ == "__main__":
    main()
