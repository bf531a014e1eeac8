"""The `clusterhub` command: Django's management commands with the project's settings.

`clusterhub load-sources` is `manage.py load_sources`: hyphens in the command name are
accepted so the documented commands read naturally.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. `clusterhub load-sources`."""
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
