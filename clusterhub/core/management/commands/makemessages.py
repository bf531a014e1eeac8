"""makemessages without fuzzy matching: a guessed translation is worse than none, because
the i18n test then names the string as untranslated instead of shipping the wrong words."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
