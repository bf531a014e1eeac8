"""Notification pages through HTTP: a user sees their own, and a click marks one read."""

import pytest
from django.urls import reverse

from clusterhub.notifications.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db


def _notification(user, **kwargs):
    return Notification.objects.create(
        user=user, event="test", message_ko="알림", message_en="Notice", **kwargs
    )


def test_the_list_shows_my_notifications_only(client):
    # given
    me, someone = f.UserFactory(), f.UserFactory()
    mine, _theirs = _notification(me), _notification(someone)
    client.force_login(me)
    # when
    response = client.get(reverse("notifications:list"))
    # then
    assert list(response.context["notifications"]) == [mine]


def test_reading_a_notification_marks_it_and_follows_its_link(client):
    # given
    me = f.UserFactory()
    notification = _notification(me, link="/ko/pipeline/inbox/")
    client.force_login(me)
    # when
    response = client.post(
        reverse("notifications:read", kwargs={"notification_id": notification.pk})
    )
    # then
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert response["Location"] == "/ko/pipeline/inbox/"


def test_someone_elses_notification_is_neither_marked_nor_followed(client):
    # given
    me, someone = f.UserFactory(), f.UserFactory()
    theirs = _notification(someone, link="/ko/pipeline/inbox/")
    client.force_login(me)
    # when
    response = client.post(reverse("notifications:read", kwargs={"notification_id": theirs.pk}))
    # then
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert response["Location"] == reverse("notifications:list")
    assert reverse("notifications:list") == "/ko/pipeline/notifications/"
