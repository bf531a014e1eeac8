"""`can` in templates: registered policy questions, answered once per request."""

import pytest
from django.template import Context, Template

from clusterhub.accounts.actors import ANONYMOUS_ACTOR, actor_for
from clusterhub.accounts.can import Can, UnknownQuestionError, template_question
from tests import factories as f


@template_question
def probe_is_program_office(actor):
    return actor.is_program_office


def _render(source, actor):
    return Template(source).render(Context({"can": Can(actor)}))


@pytest.mark.django_db
def test_a_template_reads_a_registered_question_for_the_actor():
    # given a template that shows a link only when a policy says so
    source = "{% if can.probe_is_program_office %}link{% endif %}"
    office = actor_for(f.ProgramOfficeFactory())
    # when it renders for the office and for a visitor
    # then only the office sees the link
    assert _render(source, office) == "link"
    assert _render(source, ANONYMOUS_ACTOR) == ""


def test_an_unknown_question_raises_instead_of_hiding_the_link():
    with pytest.raises(UnknownQuestionError, match=r"can\.no_such_policy"):
        _render("{% if can.no_such_policy %}x{% endif %}", ANONYMOUS_ACTOR)


def test_a_question_is_asked_once_per_actor():
    # given a policy that counts its calls
    calls = []

    def probe_counted(actor):
        calls.append(actor)
        return True

    template_question(probe_counted)
    can = Can(ANONYMOUS_ACTOR)
    # when a page asks it twice
    assert can.probe_counted is True
    assert can["probe_counted"] is True
    # then the policy ran once
    assert len(calls) == 1


def test_two_policies_cannot_claim_one_name():
    def probe_is_program_office(actor):
        return False

    with pytest.raises(ValueError, match="two policies"):
        template_question(probe_is_program_office)
