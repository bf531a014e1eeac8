"""The only write path for outcome records, follow-up reminders and success stories.

Each service asks `clusterhub.outcomes.policies`, writes in one transaction and leaves a
django-simple-history row with the actor and the reason, so every value can be traced to
who entered it, who verified it, and what it was before.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.models import Role, User
from clusterhub.core.history import save_with_reason
from clusterhub.core.tasks import background_task
from clusterhub.directory.models import Organization
from clusterhub.notifications.services import notify
from clusterhub.outcomes import policies, schedule
from clusterhub.outcomes.models import (
    FollowUpReminder,
    OutcomeMetric,
    OutcomePeriod,
    OutcomeRecord,
    SuccessStory,
)
from clusterhub.outcomes.selectors import FollowUp, followups_due
from clusterhub.pipeline.models import Application

logger = logging.getLogger(__name__)

STORY_TEXT_FIELDS = ("title_ko", "title_en", "summary_ko", "summary_en", "body_ko", "body_en")
FOLLOWUP_DUE_EVENT = "outcome_followup_due"


# ---------------------------------------------------------------- outcome records


@dataclass(frozen=True)
class RecordSaved:
    """What `outcome_record_save` did, so the page can say it."""

    record: OutcomeRecord
    created: bool
    changed: bool
    verification_withdrawn: bool


def outcome_record_period_refusal(
    *, application: Application, period: str, today: datetime.date
) -> str | None:
    """Why a value for this period cannot be recorded now, or None.

    The baseline is known from the signed agreement on; values at completion and after only
    once the project is completed; a follow-up year only from its due date, so no forecast
    is ever stored as an outcome.
    """
    if period == OutcomePeriod.BASELINE:
        if application.state in schedule.BASELINE_STATES:
            return None
        return _("A baseline can be recorded once the project's agreement is signed.")
    if application.state not in schedule.OUTCOME_STATES:
        return _("Outcomes after the project can be recorded once it is completed.")
    due_on = schedule.followup_due_dates(schedule.completion_date(application)).get(period)
    if due_on is not None and today < due_on:
        return _("The %(period)s value can be recorded from its due date, %(due)s.") % {
            "period": OutcomePeriod(period).label,
            "due": due_on.isoformat(),
        }
    return None


@transaction.atomic
def outcome_record_save(
    *,
    actor: Actor,
    application: Application,
    organization: Organization,
    metric: str,
    period: str,
    value: Decimal,
    evidence: File | None = None,
    remove_evidence: bool = False,
    note: str | None = None,
    today: datetime.date | None = None,
    reason: str = "",
) -> RecordSaved:
    """Record (or correct) one value of the ledger.

    A company member records its own organization's values; staff serving the project's
    mini cluster record any of its companies'. Changing a verified value, its evidence or
    its note withdraws the verification: staff must check it again. Saving what is already
    stored changes nothing. `reason` names where the value came from in history (an import
    says "import"); the page's entries are "outcome_record_create" and "…_update".
    """
    if not policies.record_can_edit(actor, application, organization.pk):
        raise PermissionDenied
    if metric not in OutcomeMetric.values:
        raise ValidationError({"metric": _("Choose one of the metrics of the ledger.")})
    if period not in OutcomePeriod.values:
        raise ValidationError({"period": _("Choose one of the periods of the ledger.")})
    refusal = outcome_record_period_refusal(
        application=application, period=period, today=today or timezone.localdate()
    )
    if refusal:
        raise ValidationError({"period": refusal})
    record = (
        OutcomeRecord.objects.select_for_update()
        .filter(application=application, organization=organization, metric=metric, period=period)
        .first()
    )
    created = record is None
    if created:
        record = OutcomeRecord(
            application=application,
            organization=organization,
            metric=metric,
            period=period,
            entered_by=actor.user,
        )
    changed = []
    if created or record.value != value:
        record.value = value
        changed.append("value")
    if note is not None and note != record.note:
        record.note = note
        changed.append("note")
    if evidence:
        record.evidence = evidence
        changed.append("evidence")
    elif remove_evidence and record.evidence:
        record.evidence = ""
        changed.append("evidence")
    if not changed:
        return RecordSaved(
            record=record, created=False, changed=False, verification_withdrawn=False
        )
    withdrawn = record.is_verified
    if withdrawn:
        record.verified_by = None
        record.verified_at = None
        changed += ["verified_by", "verified_at"]
    if created:
        save_with_reason(record, actor=actor, reason=reason or "outcome_record_create")
    else:
        record.entered_by = actor.user
        save_with_reason(
            record,
            actor=actor,
            reason=f"{reason or 'outcome_record_update'}{'_unverified' if withdrawn else ''}",
            update_fields=[*changed, "entered_by", "updated_at"],
        )
    return RecordSaved(
        record=record, created=created, changed=True, verification_withdrawn=withdrawn
    )


@transaction.atomic
def outcome_record_verify(*, actor: Actor, record: OutcomeRecord) -> OutcomeRecord:
    """Staff confirm a value against its evidence; the company cannot verify its own."""
    if not policies.record_can_verify(actor, record.application):
        raise PermissionDenied
    record = OutcomeRecord.objects.select_for_update().get(pk=record.pk)
    if record.is_verified:
        raise ValidationError(_("This value is already verified."))
    record.verified_by = actor.user
    record.verified_at = timezone.now()
    save_with_reason(
        record,
        actor=actor,
        reason="outcome_record_verify",
        update_fields=["verified_by", "verified_at", "updated_at"],
    )
    return record


# ---------------------------------------------------------------- follow-up reminders


def _followup_recipients(application: Application) -> list[User]:
    """The applicant company's members and the coordinator of the project's mini cluster."""
    who = Q(
        role_grants__role=Role.COMPANY_MEMBER, role_grants__organization=application.organization_id
    )
    coordinator_id = application.mini_cluster.coordinator_id
    if coordinator_id is not None:
        who |= Q(person_id=coordinator_id)
    return list(User.objects.filter(who, is_active=True).distinct().order_by("pk"))


def _reminder_message(followup: FollowUp, language: str) -> str:
    application = followup.application
    with translation.override(language):
        return _(
            "Outcome follow-up due for %(reference)s “%(title)s”: please record the "
            "%(period)s figures (due %(due)s)."
        ) % {
            "reference": application.reference,
            "title": application.title[:80],
            "period": OutcomePeriod(followup.period).label,
            "due": followup.due_on.isoformat(),
        }


@background_task
def followup_reminders_send(*, today: datetime.date | str | None = None) -> int:
    """Remind companies and coordinators of follow-up years that have fallen due.

    Idempotent: each project's follow-up year is reminded once, ever (`FollowUpReminder`
    is unique per project and period), so the job can run daily, twice, or on two workers.
    Years whose seven values are all recorded are not reminded. Returns how many reminders
    were sent. `today` may be an ISO date, so the job can travel through a queue.
    """
    if isinstance(today, str):
        today = datetime.date.fromisoformat(today)
    today = today or timezone.localdate()
    sent = 0
    for followup in followups_due(today=today):
        if followup.reminded_at is not None:
            continue
        with transaction.atomic():
            reminder, created = FollowUpReminder.objects.get_or_create(
                application=followup.application,
                period=followup.period,
                defaults={"due_on": followup.due_on},
            )
            if not created:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                link = reverse("outcomes:ledger", kwargs={"pk": followup.application.pk})
            reminder.recipient_count = notify(
                users=_followup_recipients(followup.application),
                event=FOLLOWUP_DUE_EVENT,
                message_ko=_reminder_message(followup, "ko"),
                message_en=_reminder_message(followup, "en"),
                link=link,
            )
            reminder.save(update_fields=["recipient_count", "updated_at"])
            sent += 1
    logger.info("sent %d follow-up reminders for %s", sent, today)
    return sent


# ---------------------------------------------------------------- success stories


@transaction.atomic
def story_save(*, actor: Actor, application: Application, **text: str) -> SuccessStory:
    """Write or rewrite a completed project's story in both languages.

    Consent covers the text the company read: changing the text withdraws it, and a
    published story must be unpublished before its text changes.
    """
    if not policies.story_can_edit(actor, application):
        raise PermissionDenied
    unknown = set(text) - set(STORY_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"not story fields: {sorted(unknown)}")
    story = SuccessStory.objects.select_for_update().filter(application=application).first()
    if story is None:
        if application.state not in schedule.OUTCOME_STATES:
            raise ValidationError(
                _("A success story can be written once the project is completed.")
            )
        story = SuccessStory(application=application, written_by=actor.user, **text)
        save_with_reason(story, actor=actor, reason="story_create")
        return story
    changed = [name for name, value in text.items() if getattr(story, name) != value]
    if not changed:
        return story
    if story.is_published:
        raise ValidationError(_("Unpublish the story before changing its text."))
    for name in changed:
        setattr(story, name, text[name])
    reason = "story_update"
    if story.has_consent:
        story.consent_by = None
        story.consent_at = None
        changed += ["consent_by", "consent_at"]
        reason = "story_update_consent_withdrawn"
    save_with_reason(story, actor=actor, reason=reason, update_fields=[*changed, "updated_at"])
    return story


@transaction.atomic
def story_record_consent(*, actor: Actor, story: SuccessStory) -> SuccessStory:
    """The applicant company agrees to the story's current text being made public."""
    if not policies.story_can_consent(actor, story.application):
        raise PermissionDenied
    story = SuccessStory.objects.select_for_update().get(pk=story.pk)
    if story.has_consent:
        raise ValidationError(_("The company's consent is already recorded."))
    story.consent_by = actor.user
    story.consent_at = timezone.now()
    save_with_reason(
        story,
        actor=actor,
        reason="story_consent",
        update_fields=["consent_by", "consent_at", "updated_at"],
    )
    return story


@transaction.atomic
def story_withdraw_consent(*, actor: Actor, story: SuccessStory) -> SuccessStory:
    """The company takes its consent back; a published story leaves the public site at once."""
    if not policies.story_can_consent(actor, story.application):
        raise PermissionDenied
    story = SuccessStory.objects.select_for_update().get(pk=story.pk)
    if not story.has_consent:
        raise ValidationError(_("No consent is recorded for this story."))
    story.consent_by = None
    story.consent_at = None
    story.published_by = None
    story.published_at = None
    save_with_reason(
        story,
        actor=actor,
        reason="story_consent_withdraw",
        update_fields=["consent_by", "consent_at", "published_by", "published_at", "updated_at"],
    )
    return story


def story_publish_problems(story: SuccessStory) -> list[str]:
    """Everything that keeps a story from being published; empty when it may be."""
    problems = []
    if story.application.state not in schedule.OUTCOME_STATES:
        problems.append(_("The project is not completed."))
    if not OutcomeRecord.objects.filter(
        application=story.application, verified_at__isnull=False
    ).exists():
        problems.append(_("The project has no verified outcome yet."))
    if not story.has_consent:
        problems.append(_("The company has not consented to publication."))
    if any(not getattr(story, name).strip() for name in STORY_TEXT_FIELDS):
        problems.append(_("The title, summary and story are needed in Korean and in English."))
    return problems


@transaction.atomic
def story_publish(*, actor: Actor, story: SuccessStory) -> SuccessStory:
    """Staff make a consented story of a completed, verified project public."""
    if not policies.story_can_publish(actor, story.application):
        raise PermissionDenied
    story = SuccessStory.objects.select_for_update().select_related("application").get(pk=story.pk)
    if story.is_published:
        raise ValidationError(_("The story is already published."))
    problems = story_publish_problems(story)
    if problems:
        raise ValidationError(problems)
    story.published_by = actor.user
    story.published_at = timezone.now()
    save_with_reason(
        story,
        actor=actor,
        reason="story_publish",
        update_fields=["published_by", "published_at", "updated_at"],
    )
    return story


@transaction.atomic
def story_unpublish(*, actor: Actor, story: SuccessStory) -> SuccessStory:
    """Staff take a story off the public site; consent stays recorded."""
    if not policies.story_can_publish(actor, story.application):
        raise PermissionDenied
    story = SuccessStory.objects.select_for_update().get(pk=story.pk)
    if not story.is_published:
        raise ValidationError(_("The story is not published."))
    story.published_by = None
    story.published_at = None
    save_with_reason(
        story,
        actor=actor,
        reason="story_unpublish",
        update_fields=["published_by", "published_at", "updated_at"],
    )
    return story
