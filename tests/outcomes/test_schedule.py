"""The due-date rule: follow-up years fall due 12, 24 and 36 months after completion."""

import datetime

import pytest
from django.utils import timezone

from clusterhub.outcomes import schedule
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2025, 3, 15), 12, datetime.date(2026, 3, 15)),
        (datetime.date(2025, 11, 30), 3, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 2, 29), 48, datetime.date(2028, 2, 29)),
        (datetime.date(2025, 12, 31), 36, datetime.date(2028, 12, 31)),
    ],
)
def test_add_months_keeps_the_day_or_falls_back_to_the_months_end(day, months, expected):
    assert schedule.add_months(day, months) == expected


def test_the_completion_date_is_the_first_move_into_completed_or_continued():
    # given a project continued into the next year, then moved to follow-up
    application = of.completed_application(state="follow_up")
    of.complete(application, on=datetime.date(2025, 6, 30), to_state="continued")
    of.complete(application, on=datetime.date(2025, 9, 1), to_state="follow_up")
    # when
    completed_on = schedule.completion_date(application)
    # then
    assert completed_on == datetime.date(2025, 6, 30)
    assert schedule.followup_due_dates(completed_on) == {
        "plus_1": datetime.date(2026, 6, 30),
        "plus_2": datetime.date(2027, 6, 30),
        "plus_3": datetime.date(2028, 6, 30),
    }


def test_the_completion_date_is_the_local_date_in_seoul():
    # given a completion recorded at 08:00 in Seoul, which is still the day before in UTC
    application = of.completed_application(on=datetime.date(2025, 3, 31))
    early_morning = timezone.make_aware(datetime.datetime(2025, 3, 31, 8, 0))
    application.transitions.update(at=early_morning)
    assert early_morning.astimezone(datetime.UTC).date() == datetime.date(2025, 3, 30)
    # then
    assert schedule.completion_date(application) == datetime.date(2025, 3, 31)


def test_a_project_without_a_completion_transition_has_no_follow_ups():
    application = of.completed_application()
    assert schedule.completion_date(application) is None
    assert schedule.followup_due_dates(None) == {}
