"""Every interface string has a Korean translation, and the compiled catalogue is current.

The msgids are collected from the code the way makemessages does for our style: translate
and blocktranslate tags in templates, gettext calls in Python.
"""

import ast
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent / "clusterhub"
PO = ROOT / "locale" / "ko" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
TRANSLATE_TAG = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")
BLOCK_TAG = re.compile(
    r"{%\s*blocktranslate(?P<args>[^%]*)%}(?P<body>.*?)(?:{%\s*plural\s*%}.*?)?{%\s*endblocktranslate\s*%}",
    re.S,
)
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "ngettext"}


def _template_msgids():
    for path in ROOT.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in TRANSLATE_TAG.finditer(text):
            yield path, match.group(2)
        for match in BLOCK_TAG.finditer(text):
            body = re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", match.group("body"))
            yield path, body


def _python_msgids():
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_NAMES
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield path, node.args[0].value


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO))


def test_every_string_in_the_code_is_in_the_catalogue_and_translated(catalogue):
    translated = {entry.msgid for entry in catalogue if entry.translated() and not entry.fuzzy}
    missing = sorted(
        {
            f"{path.relative_to(ROOT)}: {msgid!r}"
            for path, msgid in _template_msgids()
            if msgid not in translated
        }
        | {
            f"{path.relative_to(ROOT)}: {msgid!r}"
            for path, msgid in _python_msgids()
            if msgid not in translated
        }
    )
    assert missing == [], "run `make messages` and translate these"


def test_nothing_is_fuzzy_or_untranslated(catalogue):
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def _pairs(entries):
    return {
        (e.msgid, tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr)
        for e in entries
        if e.msgid and not e.obsolete and "fuzzy" not in getattr(e, "flags", [])
    }


def test_the_compiled_catalogue_matches_the_source(catalogue):
    assert _pairs(polib.mofile(str(MO))) == _pairs(catalogue), "run `make messages`"
