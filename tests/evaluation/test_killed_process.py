"""A recomputation whose process is killed (SIGKILL, mid-transaction) and resumed by a new
process ends with the values an uninterrupted run gives.

The processes work on their own SQLite file, so the test runs the same in either suite.
"""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import json, os, signal, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = "sqlite:///" + sys.argv[1]
    import django
    django.setup()
    from pathlib import Path
    from django.conf import settings
    from django.core.management import call_command
    from clusterhub.accounts.actors import actor_for
    from clusterhub.evaluation import services
    from clusterhub.evaluation.services import recomputation
    from clusterhub.evaluation.loading import index_systems_load
    from clusterhub.evaluation.models import (
        IndexSystem, IndicatorScore, MetricValue, RecomputationRun, Scorecard,
    )

    def snapshot():
        return {
            "metrics": sorted(map(list, MetricValue.objects.values_list(
                "metric", "level", "entity_id", "year", "value"))),
            "cards": sorted(map(list, Scorecard.objects.values_list(
                "system_id", "entity_id", "total", "rank", "complete"))),
            "lines": sorted(map(list, IndicatorScore.objects.values_list(
                "scorecard__system_id", "scorecard__entity_id", "indicator__code",
                "raw_value", "score", "contribution"))),
        }

    step = sys.argv[2]
    if step == "setup":
        call_command("migrate", verbosity=0)
        from tests import factories as f
        from tests.evaluation.world import YEAR, build_program
        index_systems_load(Path(settings.DATA_DIR) / "reference")
        office = actor_for(f.ProgramOfficeFactory())
        build_program(office, (IndexSystem.objects.get(year=2010, level="mini_cluster"),
                               IndexSystem.objects.get(year=2010, level="zone")))
        run = services.recomputation_plan(actor=None, year=YEAR)
        print(json.dumps({"run": run.pk, "units": run.total_units}))
    elif step == "die":
        run_id, die_at = int(sys.argv[3]), int(sys.argv[4])
        def die(unit):
            if unit.position == die_at:  # its writes are made, its transaction still open
                os.kill(os.getpid(), signal.SIGKILL)
        recomputation.unit_hook = die
        services.recomputation_execute(run_id=run_id)
    elif step == "resume":
        run_id = int(sys.argv[3])
        before = RecomputationRun.objects.get(pk=run_id)
        call_command("recompute_evaluation", resume=run_id, verbosity=0)
        run = RecomputationRun.objects.get(pk=run_id)
        resumed = snapshot()
        MetricValue.objects.all().delete()
        Scorecard.objects.all().delete()
        fresh = services.recomputation_plan(actor=None, year=run.year)
        services.recomputation_execute(run_id=fresh.pk)
        print(json.dumps({
            "killed_status": before.status, "killed_done": before.done_units,
            "status": run.status, "done": run.done_units, "total": run.total_units,
            "attempts": run.attempts, "resumed": resumed, "uninterrupted": snapshot(),
        }, default=str))
    """
)
ROOT = Path(__file__).resolve().parents[2]


def _run(script: Path, database: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, str(script), str(database), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_recomputation_killed_by_sigkill_resumes_to_the_uninterrupted_values(tmp_path):
    script = tmp_path / "recompute.py"
    script.write_text(SCRIPT, encoding="utf-8")
    database = tmp_path / "killed.sqlite3"

    setup = _run(script, database, "setup")
    assert setup.returncode == 0, setup.stderr
    planned = json.loads(setup.stdout.strip().splitlines()[-1])
    die_at = planned["units"] // 2

    killed = _run(script, database, "die", str(planned["run"]), str(die_at))
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    resumed = _run(script, database, "resume", str(planned["run"]))
    assert resumed.returncode == 0, resumed.stderr
    result = json.loads(resumed.stdout.strip().splitlines()[-1])
    # The killed process left the run "running" with the units before the dying one done;
    # the dying unit's writes were never committed.
    assert result["killed_status"] == "running"
    assert result["killed_done"] == die_at
    assert result["status"] == "done"
    assert result["done"] == result["total"] == planned["units"]
    assert result["attempts"] == 2
    assert result["resumed"]["cards"]
    assert result["resumed"] == result["uninterrupted"]
