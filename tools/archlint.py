"""Architecture checks that ruff and import-linter cannot express (`make lint`).

1. A template never tests a role: `{% if actor.is_program_office %}` restates a policy; a
   template asks `can.<policy>` (accounts/can.py) or reads a flag its view computed through
   the policies.
2. A view never calls the ORM: reads go through the app's selectors, single objects through
   the `access_*` functions of its policies, writes through its services.
3. A module stays under MAX_LINES lines (migrations aside), so a person can hold it in mind.

Run `python -m tools.archlint [ROOT]`; it prints one line per finding and exits 1 if any.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

MAX_LINES = 500
PYTHON_TREES = ("clusterhub", "config", "bench", "tests", "tools")

# `{% if actor.… %}`, `{% elif user.is_staff %}`, `{% if perms.… %}`: a role tested in place.
ROLE_TEST = re.compile(
    r"{%-?\s*(?:el)?if\b[^%]*?\b(?:actor\.\w+|user\.is_(?:staff|superuser)|perms\.)"
)

# Calls that run or shape a query. A view that needs one asks a selector instead.
QUERY_METHODS = frozenset(
    {
        "aggregate",
        "all",
        "annotate",
        "bulk_create",
        "bulk_update",
        "defer",
        "distinct",
        "exclude",
        "exists",
        "extra",
        "filter",
        "get_or_create",
        "in_bulk",
        "only",
        "order_by",
        "prefetch_related",
        "raw",
        "select_for_update",
        "select_related",
        "update_or_create",
        "values",
        "values_list",
    }
)
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})


def template_findings(root: Path) -> Iterator[str]:
    for path in sorted(root.glob("clusterhub/**/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for match in ROLE_TEST.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            yield (
                f"{path.relative_to(root)}:{line}: the template tests a role "
                f"({match.group(0)!r}); ask `can.<policy>` or the view's context"
            )


def _view_modules(root: Path) -> Iterator[Path]:
    for path in sorted(root.glob("clusterhub/**/*.py")):
        if "migrations" in path.parts:
            continue
        if path.name == "views.py" or "views" in path.parent.relative_to(root).parts:
            yield path


def view_findings(root: Path) -> Iterator[str]:
    for path in _view_modules(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            problem = _orm_use(node)
            if problem:
                yield f"{path.relative_to(root)}:{node.lineno}: the view {problem}"


def _orm_use(node: ast.AST) -> str | None:
    if isinstance(node, ast.ImportFrom) and node.module == "django.db.models":
        return "imports query expressions from django.db.models; build the query in a selector"
    if isinstance(node, ast.Attribute) and node.attr == "objects":
        return "reads a model manager (.objects); use a selector or an access_* policy"
    if isinstance(node, ast.Call):
        function = node.func
        if isinstance(function, ast.Name) and function.id in SHORTCUTS:
            return f"calls {function.id}; fetch through an access_* policy function"
        if isinstance(function, ast.Attribute) and function.attr in QUERY_METHODS:
            if function.attr == "values" and not (node.args or node.keywords):
                return None  # a dict's values(); a queryset's values() names its fields
            return f"calls .{function.attr}() on a queryset; use a selector"
    return None


def size_findings(root: Path) -> Iterator[str]:
    for tree in PYTHON_TREES:
        for path in sorted((root / tree).glob("**/*.py")):
            if "migrations" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > MAX_LINES:
                yield (
                    f"{path.relative_to(root)}: {lines} lines, over {MAX_LINES}; split it by "
                    "concept (a package with one module per page family or step)"
                )


def findings(root: Path) -> list[str]:
    return [*template_findings(root), *view_findings(root), *size_findings(root)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0] if args else Path(__file__).resolve().parent.parent)
    found = findings(root)
    for finding in found:
        print(finding)
    print(f"archlint: {len(found)} finding(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
