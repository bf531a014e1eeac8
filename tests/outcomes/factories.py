"""Factories for outcomes: records, stories, and completed projects with their completion date."""

import datetime
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from clusterhub.outcomes.models import OutcomeRecord, SuccessStory
from clusterhub.pipeline.models import Application, Transition
from tests import factories as f

PDF_BYTES = b"%PDF-1.4\n% evidence\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def evidence_upload(name: str = "tax-return.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def complete(
    application: Application, *, on: datetime.date, to_state: str = "completed"
) -> Transition:
    """Record the move into `completed` (or `continued`) as happening at noon on `on`."""
    transition = Transition.objects.create(
        application=application, action="complete", from_state="execution", to_state=to_state
    )
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    Transition.objects.filter(pk=transition.pk).update(at=at)
    transition.at = at
    return transition


def completed_application(*, on: datetime.date | None = None, state: str = "completed", **kwargs):
    """A project in `state` with its completion transition (on `on`, if given)."""
    application = f.ApplicationFactory(state=state, **kwargs)
    if on is not None:
        complete(application, on=on, to_state="continued" if state == "continued" else "completed")
    return application


class OutcomeRecordFactory(DjangoModelFactory):
    class Meta:
        model = OutcomeRecord

    application = factory.SubFactory(f.ApplicationFactory, state="completed")
    organization = factory.LazyAttribute(lambda record: record.application.organization)
    metric = "sales"
    period = "baseline"
    value = Decimal("100.0")


class SuccessStoryFactory(DjangoModelFactory):
    class Meta:
        model = SuccessStory

    application = factory.SubFactory(f.ApplicationFactory, state="completed")
    title_ko = factory.Sequence(lambda n: f"성공사례{n}")
    title_en = factory.Sequence(lambda n: f"Success story {n}")
    summary_ko = "광센서 국산화로 매출이 늘었다."
    summary_en = "Domestic optical sensors raised sales."
    body_ko = "본문입니다."
    body_en = "The story."


def consented(story: SuccessStory, user=None) -> SuccessStory:
    story.consent_by = user
    story.consent_at = timezone.now()
    story.save()
    return story


def published(story: SuccessStory, user=None) -> SuccessStory:
    consented(story, user)
    story.published_at = timezone.now()
    story.published_by = user
    story.save()
    return story
