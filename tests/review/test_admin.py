"""Rubrics are kept in the admin; its criteria inline refuses weights that miss 100."""

import pytest
from django.urls import reverse

from clusterhub.review.models import Rubric
from tests import factories as f

pytestmark = pytest.mark.django_db


def _rubric_form(*weights):
    data = {
        "name_ko": "기술개발 평가표",
        "name_en": "R&D rubric",
        "criteria-TOTAL_FORMS": str(len(weights)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, weight in enumerate(weights):
        data.update(
            {
                f"criteria-{index}-position": str(index),
                f"criteria-{index}-name_ko": f"기준{index}",
                f"criteria-{index}-name_en": f"Criterion {index}",
                f"criteria-{index}-weight": str(weight),
                f"criteria-{index}-max_score": "10",
            }
        )
    return data


def test_the_admin_refuses_criteria_that_do_not_add_up_to_100(client):
    # given
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:review_rubric_add")
    # when
    refused = client.post(url, _rubric_form(40, 50))
    accepted = client.post(url, _rubric_form(40, 60))
    # then
    assert refused.status_code == 200
    assert "rubric_weights" in [
        error.code
        for error in refused.context["inline_admin_formsets"][0].formset.non_form_errors().as_data()
    ]
    assert accepted.status_code == 302
    assert list(Rubric.objects.get().criteria.values_list("weight", flat=True)) == [40, 60]
