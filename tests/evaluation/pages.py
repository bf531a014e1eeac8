"""What the evaluation page tests share: addresses in a language, the page text, and the
scorecards of the small program (`conftest.program`, recomputed by `computed`)."""

from django.urls import reverse
from django.utils import translation

from clusterhub.evaluation.models import Scorecard

LANGUAGES = ["ko", "en"]


def _url(name, language="ko", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _body(response) -> str:
    return response.content.decode()


def _zone_card(computed) -> Scorecard:
    return Scorecard.objects.get(system=computed["zone_system"], entity_id=computed["zone"].pk)


def _mc_card(computed, name="strong") -> Scorecard:
    return Scorecard.objects.get(system=computed["mc_system"], entity_id=computed[name].pk)
