"""manage.py import_wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--default-author NAME]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wordpress.export import ExportError
from wordpress.importer import WordPressImport
from wordpress.report import Progress


class Command(BaseCommand):
    help = _(
        "Import a WordPress export (Tools → Export → All content): posts, images, "
        "comments, and every old address as a redirect. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help=_("The WXR file WordPress exported."))
        parser.add_argument("--uploads", help=_("A copy of the site's wp-content/uploads folder."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Report what would be imported; write nothing."),
        )
        parser.add_argument(
            "--default-author",
            default="",
            help=_("The byline for posts whose WordPress author is not in the export."),
        )
        parser.add_argument(
            "--no-download",
            action="store_true",
            help=_("Never fetch a file missing from --uploads from the old site."),
        )

    def handle(self, *args, **options):
        export = Path(options["export"])
        if not export.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": export})
        uploads = options["uploads"]
        if uploads and not Path(uploads).is_dir():
            raise CommandError(_("No such folder: %(path)s") % {"path": uploads})
        run = WordPressImport(
            export,
            uploads=uploads,
            dry_run=options["dry_run"],
            default_author=options["default_author"],
            download=not options["no_download"],
            progress=Progress(sys.stderr),  # drawn only when that is a terminal
        )
        try:
            report = run.run()
        except ExportError as error:
            raise CommandError(str(error)) from None
        for line in report.lines(dry_run=options["dry_run"]):
            self.stdout.write(line)
