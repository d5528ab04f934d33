"""Remove a commenter's comments at their request: `manage.py forget_commenter EMAIL`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext, ngettext

from comments.models import Comment


class Command(BaseCommand):
    help = (
        "Delete every comment of an email address (any spelling of the same mailbox). "
        "Comments that others have replied to are anonymized instead, so the replies keep "
        "their thread."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            message = gettext("“%(email)s” is not an email address.") % {"email": email}
            raise CommandError(message) from None
        deleted, anonymized = Comment.objects.forget(email)
        self.stdout.write(
            ngettext("%(count)d comment deleted", "%(count)d comments deleted", deleted)
            % {"count": deleted}
            + gettext(", ")
            + ngettext(
                "%(count)d comment anonymized.", "%(count)d comments anonymized.", anonymized
            )
            % {"count": anonymized}
        )
