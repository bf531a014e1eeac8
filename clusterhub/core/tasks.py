"""One interface for background work.

A job is a plain function registered with `@background_task`. `enqueue(job, **kwargs)`
runs it after the current transaction commits: in this process when no broker is
configured (a single-machine install), or on a Celery worker when CELERY_BROKER_URL is set.
Arguments must be JSON-serialisable (ids, not model instances) so both paths behave alike,
and jobs must be idempotent: a worker may run one twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)
_REGISTRY: dict[str, Callable[..., object]] = {}


def background_task(function: Callable[..., object]) -> Callable[..., object]:
    """Register a job under its dotted name."""
    name = f"{function.__module__}.{function.__qualname__}"
    _REGISTRY[name] = function
    function.task_name = name
    return function


def run_registered(name: str, kwargs: dict) -> object:
    """Run a registered job by name (what the Celery worker calls)."""
    return _REGISTRY[name](**kwargs)


def enqueue(function: Callable[..., object], **kwargs) -> None:
    """Schedule a registered job to run once the current transaction has committed."""
    name = getattr(function, "task_name", None)
    if name not in _REGISTRY:
        raise ValueError(f"{function!r} is not a registered background task")
    json.dumps(kwargs)  # fail now, not on the worker, if an argument cannot travel
    if settings.CELERY_BROKER_URL:
        transaction.on_commit(lambda: _celery_run.delay(name, kwargs))
    else:
        transaction.on_commit(lambda: run_registered(name, kwargs))


try:  # Celery is a dependency, but keep the in-process path importable without a broker.
    from celery import shared_task

    @shared_task(name="clusterhub.run_registered")
    def _celery_run(name: str, kwargs: dict) -> None:
        logger.info("running %s", name)
        run_registered(name, kwargs)
except ImportError:  # pragma: no cover
    _celery_run = None
