"""`can`: the one way a template asks a policy a question about the current actor.

Each app's `policies.py` marks the actor-level questions a page may ask with
`@template_question`; the `can` context processor (`accounts.context_processors.can`) puts a
`Can` for the request's actor on every page, so a template writes
`{% if can.evaluation_can_open %}` and never tests a role itself (`make lint` refuses
`actor.is_…` in a template). Questions about one object (may this actor manage *this* mini
cluster?) are asked by the view, through the same policies, and passed to the template.

An unknown question is a programming error and raises, so a typo cannot hide a link.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clusterhub.accounts.actors import Actor

Question = Callable[["Actor"], bool]
_QUESTIONS: dict[str, Question] = {}


class UnknownQuestionError(Exception):
    """A template asked `can` something no policy answers."""


def template_question(policy: Question) -> Question:
    """Register an actor-level policy function under its own name for `can.<name>`."""
    name = policy.__name__
    registered = _QUESTIONS.get(name)
    if registered is not None and registered is not policy:
        raise ValueError(f"two policies answer the template question {name!r}")
    _QUESTIONS[name] = policy
    return policy


def template_questions() -> dict[str, Question]:
    """Every registered question, by name (for tests and the docs)."""
    return dict(_QUESTIONS)


class Can:
    """The answers to the registered questions for one actor, each asked at most once."""

    def __init__(self, actor: Actor):
        self._actor = actor
        self._answers: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._answers:
            policy = _QUESTIONS.get(name)
            if policy is None:
                raise UnknownQuestionError(
                    f"no policy answers can.{name}; mark one with @template_question"
                )
            self._answers[name] = bool(policy(self._actor))
        return self._answers[name]

    def __getattr__(self, name: str) -> bool:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]
