"""The background-work interface: in-process after commit, or handed to Celery."""

import pytest

from clusterhub.core import tasks

calls: list[dict] = []


@tasks.background_task
def remember(*, value: int) -> None:
    calls.append({"value": value})


@pytest.fixture(autouse=True)
def _empty_calls():
    calls.clear()


@pytest.mark.django_db
def test_without_a_broker_a_job_runs_in_process_after_commit(
    settings, django_capture_on_commit_callbacks
):
    settings.CELERY_BROKER_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue(remember, value=3)
        assert calls == []  # not before the transaction commits
    assert calls == [{"value": 3}]


@pytest.mark.django_db
def test_with_a_broker_the_job_goes_to_celery(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    sent = []
    monkeypatch.setattr(
        tasks._celery_run, "delay", lambda name, kwargs: sent.append((name, kwargs))
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue(remember, value=4)
    assert sent == [("tests.core.test_tasks.remember", {"value": 4})]
    assert calls == []
    tasks.run_registered(*sent[0])  # what the worker does
    assert calls == [{"value": 4}]


def test_unregistered_functions_and_unserialisable_arguments_are_refused():
    with pytest.raises(ValueError, match="not a registered"):
        tasks.enqueue(print, value=1)
    with pytest.raises(TypeError):
        tasks.enqueue(remember, value=object())
