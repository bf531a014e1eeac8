import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Evidence files go to a temporary directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english():
    """For tests that read the interface's words: the English msgids, whatever the catalogue."""
    from django.utils import translation

    with translation.override("en"):
        yield
