import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _korean_by_default():
    """Tests run in the default language (Korean) unless they switch."""
    with translation.override("ko"):
        yield
