import pytest
from django.db import transaction
from django.utils import translation


@pytest.fixture(autouse=True)
def _korean_by_default():
    """Tests run in the default language (Korean) unless they switch."""
    with translation.override("ko"):
        yield


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction around a module's shared data, rolled back after the module.

    Module-scoped fixtures that build expensive data (the permission matrix's world, the
    evaluated program, the loaded sources) depend on this; every test then runs in a
    savepoint inside it (pytest-django's `django_db`), so what a test writes is undone before
    the next one, which finds the shared data as built. A module that uses it must not hold
    `transaction=True` tests. Under xdist each worker builds the data once for the module.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each run of a module's tests, those that share `module_transaction` data run
    after those that don't, so a test that expects an empty database never finds the shared
    data of its module. The order between modules (and `--failed-first`) is kept."""
    ordered, run = [], []
    for item in items:
        if run and item.module is not run[0].module:
            ordered += _shared_last(run)
            run = []
        run.append(item)
    items[:] = ordered + _shared_last(run)


def _shared_last(run):
    return sorted(run, key=lambda item: "module_transaction" in item.fixturenames)
