"""Settings modules: base (shared), dev, test, demo (what `make run` serves) and production."""
