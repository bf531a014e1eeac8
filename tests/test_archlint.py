"""`tools.archlint` (run by `make lint`): the rules it enforces hold for the project, and each
rule fails on the code it forbids."""

import textwrap

from tools import archlint


def _tree(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_the_project_keeps_every_rule():
    assert archlint.findings(archlint.Path(archlint.__file__).resolve().parent.parent) == []


def test_a_template_that_tests_a_role_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "clusterhub/templates/a.html": "<p>\n{% if actor.is_program_office %}x{% endif %}",
            "clusterhub/templates/b.html": "{% elif user.is_staff %}",
            "clusterhub/shop/templates/shop/c.html": "{% if can.funnel_can_view %}ok{% endif %}",
        },
    )
    found = list(archlint.template_findings(root))
    assert len(found) == 2
    assert found[0].startswith("clusterhub/templates/a.html:2: the template tests a role")


def test_a_view_that_calls_the_orm_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "clusterhub/shop/views.py": """\
                from django.db.models import Sum
                from django.shortcuts import get_object_or_404

                def page(request, pk):
                    order = get_object_or_404(Order, pk=pk)
                    lines = Order.objects.filter(pk=pk)
                    total = order.lines.aggregate(Sum("amount"))
                    return {"errors": form.errors.values(), "order": order}
                """,
            "clusterhub/shop/views/pages.py": "rows = order.lines.all()\n",
            "clusterhub/shop/selectors.py": "rows = Order.objects.filter(open=True)\n",
        },
    )
    found = list(archlint.view_findings(root))
    assert sorted(line.split(": the view ")[0] for line in found) == [
        "clusterhub/shop/views.py:1",
        "clusterhub/shop/views.py:5",
        "clusterhub/shop/views.py:6",
        "clusterhub/shop/views.py:6",
        "clusterhub/shop/views.py:7",
        "clusterhub/shop/views/pages.py:1",
    ]
    assert "calls get_object_or_404; fetch through an access_* policy function" in " ".join(found)


def test_a_module_over_the_limit_is_found_and_migrations_are_not(tmp_path):
    long = "x = 1\n" * (archlint.MAX_LINES + 1)
    root = _tree(
        tmp_path,
        {
            "clusterhub/shop/models.py": long,
            "clusterhub/shop/migrations/0001_initial.py": long,
            "tests/test_shop.py": "x = 1\n" * archlint.MAX_LINES,
        },
    )
    assert list(archlint.size_findings(root)) == [
        "clusterhub/shop/models.py: 501 lines, over 500; split it by concept "
        "(a package with one module per page family or step)"
    ]


def test_the_command_exits_1_on_a_finding(tmp_path, capsys):
    root = _tree(tmp_path, {"clusterhub/templates/a.html": "{% if actor.zone_ids %}{% endif %}"})
    assert archlint.main([str(root)]) == 1
    assert "a.html:1" in capsys.readouterr().out
    assert archlint.main([str(_tree(tmp_path / "clean", {"tools/x.py": "x = 1\n"}))]) == 0
