"""Opening a survey, which invites its audiences and tells them, and closing it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.models import User
from clusterhub.core.history import save_with_reason
from clusterhub.directory.models import Person
from clusterhub.notifications.services import notify
from clusterhub.surveys import selectors
from clusterhub.surveys.models import Invitation, Question, Survey, SurveyStatus
from clusterhub.surveys.services.builder import require_target_managed, survey_lock

INVITATION_EVENT = "survey_invitation"


@dataclass(frozen=True)
class SurveyOpened:
    """What `survey_open` did, so the page can say it."""

    survey: Survey
    invited: int
    notified: int  # people with an account: an in-app notification and an e-mail
    emailed: int  # people without an account, by e-mail to their directory address
    unreachable: int  # neither an account nor an e-mail address: staff hand them the link


def survey_open_problems(
    *, survey: Survey, invitees: dict[int, str], question_count: int
) -> list[str]:
    """Everything that keeps a draft survey from opening; empty when it may open."""
    problems = []
    if not question_count:
        problems.append(_("The survey has no questions: add at least one before opening it."))
    if not survey.audiences:
        problems.append(_("The survey has no audience: choose who is asked."))
    elif not invitees:
        problems.append(
            _(
                "Nobody would be invited: no one in the chosen audiences (%(audiences)s) "
                "within %(target)s in %(year)s."
            )
            % {
                "audiences": ", ".join(str(label) for label in survey.audience_labels),
                "target": survey.target_label,
                "year": survey.year,
            }
        )
    return problems


def _invitation_message(survey: Survey, language: str) -> str:
    with translation.override(language):
        title = survey.title
        if survey.closes_on:
            return _("Satisfaction survey “%(title)s”: please answer by %(date)s.") % {
                "title": title,
                "date": survey.closes_on.isoformat(),
            }
        return _("Satisfaction survey “%(title)s”: please answer.") % {"title": title}


def respond_link(token: str) -> str:
    """The personal link of an invitation, in the default language (the page offers both)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("surveys:respond", kwargs={"token": token})


def _email_person(person: Person, *, message_ko: str, message_en: str, link: str) -> None:
    """An invitation for someone without an account, to their directory e-mail, on commit."""
    body = f"{message_ko}\n\n{message_en}\n\n{link}"
    transaction.on_commit(
        lambda: send_mail(
            subject=f"[Cluster Hub] {message_en}"[:150],
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[person.email],
            fail_silently=True,
        )
    )


@transaction.atomic
def survey_open(
    *, actor: Actor, survey: Survey, now: datetime.datetime | None = None
) -> SurveyOpened:
    """Open a draft survey: invite everyone its audiences reach, and tell them.

    People with an account get an in-app notification and an e-mail; people without one an
    e-mail to their directory address. Either carries their personal link. A survey with no
    questions, no audience or nobody to invite stays a draft, with the reasons.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    survey = survey_lock(survey)
    require_target_managed(actor, survey)
    if not survey.is_draft:
        raise ValidationError(_("Only a draft survey can be opened."))
    if survey.closes_on is not None and survey.closes_on < today:
        raise ValidationError(
            {"closes_on": _("The closing day has passed: choose a later one first.")}
        )
    invitees = selectors.survey_invitees(survey=survey, today=today)
    problems = survey_open_problems(
        survey=survey,
        invitees=invitees,
        question_count=Question.objects.filter(survey=survey).count(),
    )
    if problems:
        raise ValidationError(problems)
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(survey=survey, person_id=person_id, audience=audience, sent_at=now)
            for person_id, audience in sorted(invitees.items())
        ]
    )
    survey.status = SurveyStatus.OPEN
    survey.opens_on = today
    save_with_reason(
        survey,
        actor=actor,
        reason="survey_open",
        update_fields=["status", "opens_on", "updated_at"],
    )
    users = {
        user.person_id: user for user in User.objects.filter(person_id__in=invitees, is_active=True)
    }
    people = Person.objects.in_bulk([person_id for person_id in invitees if person_id not in users])
    message_ko = _invitation_message(survey, "ko")
    message_en = _invitation_message(survey, "en")
    notified = emailed = 0
    for invitation in invitations:
        link = respond_link(invitation.token)
        user = users.get(invitation.person_id)
        if user is not None:
            notified += notify(
                users=[user],
                event=INVITATION_EVENT,
                message_ko=message_ko,
                message_en=message_en,
                link=link,
            )
            continue
        person = people[invitation.person_id]
        if person.email:
            _email_person(person, message_ko=message_ko, message_en=message_en, link=link)
            emailed += 1
    return SurveyOpened(
        survey=survey,
        invited=len(invitations),
        notified=notified,
        emailed=emailed,
        unreachable=len(invitations) - notified - emailed,
    )


@transaction.atomic
def survey_close(*, actor: Actor, survey: Survey, now: datetime.datetime | None = None) -> Survey:
    """Stop accepting answers. The closing day becomes today if it was later or not set."""
    today = timezone.localdate(now or timezone.now())
    survey = survey_lock(survey)
    require_target_managed(actor, survey)
    if not survey.is_open:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.status = SurveyStatus.CLOSED
    if survey.closes_on is None or survey.closes_on > today:
        survey.closes_on = today
    save_with_reason(
        survey,
        actor=actor,
        reason="survey_close",
        update_fields=["status", "closes_on", "updated_at"],
    )
    return survey
