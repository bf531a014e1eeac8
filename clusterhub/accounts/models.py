"""Users and the roles they hold.

A user's roles come from two places, both read by `clusterhub.accounts.actors.actor_for`:
role grants stored here (program office, regional staff, company member, committee member)
and facts of the domain (the coordinator of a mini cluster, a person with an expert profile).
"""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import TimeStampedModel


class User(AbstractUser):
    person = models.OneToOneField(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        help_text=_("The directory entry of this user, if any."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    PROGRAM_OFFICE = "program_office", _("Program office")
    REGIONAL_STAFF = "regional_staff", _("Regional staff")
    COORDINATOR = "coordinator", _("Mini-cluster coordinator")
    COMPANY_MEMBER = "company_member", _("Company member")
    EXPERT = "expert", _("Expert")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")


# Roles that are granted explicitly; the coordinator and expert roles follow from the data.
GRANTABLE_ROLES = {
    Role.PROGRAM_OFFICE,
    Role.REGIONAL_STAFF,
    Role.COMPANY_MEMBER,
    Role.COMMITTEE_MEMBER,
}


class RoleGrant(TimeStampedModel):
    """One role held by one user, with the scope the role needs."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    zone = models.ForeignKey(
        "geography.Zone",
        verbose_name=_("pan-regional zone"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Regional staff: the zone whose complexes they serve."),
    )
    complex = models.ForeignKey(
        "geography.Complex",
        verbose_name=_("complex"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Regional staff: a single hub complex they serve, instead of a whole zone."),
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Company member: the organization they act for."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "role"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")

    def __str__(self) -> str:
        scope = self.zone or self.complex or self.organization
        return f"{self.user} · {self.get_role_display()}" + (f" · {scope}" if scope else "")

    def clean(self) -> None:
        """Each role needs exactly the scope it is defined by."""
        if self.role not in GRANTABLE_ROLES:
            raise ValidationError(
                {"role": _("This role follows from the data and cannot be granted.")}
            )
        if self.role == Role.REGIONAL_STAFF and not (self.zone_id or self.complex_id):
            raise ValidationError(
                {"zone": _("Regional staff need a pan-regional zone or a hub complex.")}
            )
        if self.role == Role.COMPANY_MEMBER and not self.organization_id:
            raise ValidationError(
                {"organization": _("A company member needs the organization they act for.")}
            )
        if self.role != Role.COMPANY_MEMBER and self.organization_id:
            raise ValidationError(
                {"organization": _("Only company members are scoped to an organization.")}
            )
        if self.role != Role.REGIONAL_STAFF and (self.zone_id or self.complex_id):
            raise ValidationError({"zone": _("Only regional staff are scoped to a zone.")})


class ApiToken(TimeStampedModel):
    """A personal API token: the user's key to `/api/v1/` (`Authorization: Bearer …`).

    Only the sha256 of the token is stored; the token itself is shown once, when created.
    The prefix (its first characters) is kept in clear so the owner can tell tokens apart.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "-created_at", "pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.name} ({self.prefix}…)"

    def is_usable_at(self, moment) -> bool:
        """Neither revoked nor expired at `moment`."""
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or moment < self.expires_at
