import pytest


@pytest.fixture
def english():
    """For tests that read the interface's words: the English msgids, whatever the catalogue."""
    from django.utils import translation

    with translation.override("en"):
        yield
