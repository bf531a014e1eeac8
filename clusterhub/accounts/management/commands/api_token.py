"""`clusterhub api-token create|list|revoke`: personal API tokens from the command line.

The command acts as the program office would on the token page, so its writes carry a
history row with the reason, and no actor (the command line has no signed-in user).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from clusterhub.accounts import selectors, services
from clusterhub.accounts.actors import Actor
from clusterhub.accounts.models import ApiToken, User

# The command line runs with the program office's rights over tokens, as `createsuperuser`
# runs with the rights to create one; no user is recorded as the actor.
COMMAND_LINE = Actor(user=AnonymousUser(), is_program_office=True)


class Command(BaseCommand):
    help = "Create, list or revoke a user's personal API tokens."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a token and print it once.")
        create.add_argument("--user", required=True, help="The username the token acts for.")
        create.add_argument("--name", required=True, help="A label to recognise the token by.")
        create.add_argument("--expires", type=int, metavar="DAYS", help="Lifetime in days.")
        listing = actions.add_parser("list", help="List a user's tokens (never their secrets).")
        listing.add_argument("--user", required=True)
        revoke = actions.add_parser("revoke", help="Revoke a token by its number or prefix.")
        revoke.add_argument("--user", required=True)
        revoke.add_argument("token", help="The token's number (from list) or its prefix.")

    def handle(self, *args, action, user, **options):
        try:
            owner = User.objects.get(username=user)
        except User.DoesNotExist as exc:
            raise CommandError(f"no user named {user!r}") from exc
        getattr(self, f"_{action}")(owner, **options)

    def _create(self, owner, *, name, expires, **_options):
        if expires is not None and expires < 1:
            raise CommandError("--expires: give a number of days of at least 1")
        _token, secret = services.api_token_create(
            actor=COMMAND_LINE, user=owner, name=name, expires_in_days=expires
        )
        self.stdout.write(secret)

    def _list(self, owner, **_options):
        for token in selectors.api_token_list(user=owner):
            state = "revoked" if token.revoked_at else "active"
            expires = token.expires_at.date().isoformat() if token.expires_at else "never"
            used = (
                token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never"
            )
            columns = [str(token.pk), f"{token.prefix}…", token.name, state]
            self.stdout.write("\t".join([*columns, f"expires {expires}", f"used {used}"]))

    def _revoke(self, owner, *, token, **_options):
        tokens = selectors.api_token_list(user=owner)
        found = tokens.filter(pk=int(token)) if token.isdigit() else tokens.filter(prefix=token)
        if found.count() != 1:
            raise CommandError(f"{owner.username} has no single token {token!r}")
        revoked: ApiToken = services.api_token_revoke(actor=COMMAND_LINE, token=found.get())
        self.stdout.write(f"revoked {revoked.prefix}… ({revoked.name})")
