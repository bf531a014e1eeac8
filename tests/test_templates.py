"""The templates style only with rules a stylesheet has (that they ask policies rather than
test roles is `tools.archlint`'s rule, run by `make lint` and tests/test_archlint.py).

Read as text, like test_i18n: a class a template names must have a rule in our CSS or in
the vendored Pico CSS, or it styles nothing and the next reader looks for a rule in vain.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "clusterhub"
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}", re.S)
# `kind-{{ cell.kind }}`: the rules are written for each value, so one must share the prefix.
DYNAMIC_CLASS = re.compile(r"([\w-]+-){{.*?}}")
# Classes that tests find elements by; they need no look of their own.
HOOKS = {
    "messages": "the browser tests find the flash messages by it",
    "survey-response": "tests/surveys/test_views.py checks that a closed survey shows no form",
    "story": "the browser walk finds the published success story by it",
}


def _stylesheet_classes():
    classes = set()
    for path in ROOT.glob("**/static/**/*.css"):
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        selectors = re.sub(r"{[^{}]*}", "{}", re.sub(r"url\([^)]*\)", "", css))
        classes |= set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selectors))
    return classes


def _templates():
    """The project's templates and any an app keeps in its own templates folder."""
    return sorted(ROOT.glob("**/templates/**/*.html"))


def _template_classes():
    for path in _templates():
        for attribute in CLASS_ATTRIBUTE.finditer(path.read_text(encoding="utf-8")):
            value = attribute.group(1)
            for prefix in DYNAMIC_CLASS.findall(value):
                yield path, prefix, True
            for name in TEMPLATE_SYNTAX.sub(" ", DYNAMIC_CLASS.sub(" ", value)).split():
                yield path, name, False


def test_every_class_a_template_uses_has_a_rule():
    defined = _stylesheet_classes()
    unstyled = sorted(
        {
            f"{path.relative_to(ROOT)}: {name}{'…' if is_prefix else ''}"
            for path, name, is_prefix in _template_classes()
            if name not in HOOKS
            and not (
                any(rule.startswith(name) for rule in defined) if is_prefix else name in defined
            )
        }
    )
    assert unstyled == [], "add a rule to app.css or drop the class"
