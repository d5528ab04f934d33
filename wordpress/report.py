"""What an import did: counts per kind, notes, problems by WordPress id, and its progress."""

import time
from collections import Counter, defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OUTCOMES = ("imported", "updated", "skipped")
KINDS = {
    "author": gettext_lazy("Authors"),
    "section": gettext_lazy("Sections"),
    "tag": gettext_lazy("Tags"),
    "image": gettext_lazy("Images"),
    "article": gettext_lazy("Articles"),
    "comment": gettext_lazy("Comments"),
    "page": gettext_lazy("Pages"),
}


COUNTS = gettext_lazy("%(kind)s: imported %(imported)d, updated %(updated)d, skipped %(skipped)d")


class Report:
    """Counts per kind and outcome, notes (what was left out, counted) and problems."""

    def __init__(self):
        self.counts = defaultdict(Counter)
        self.notes = Counter()
        self.problems = []  # (kind, WordPress id, message)

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def note(self, message, n=1):
        self.notes[str(message)] += n

    def problem(self, kind, wp_id, message):
        self.problems.append((kind, wp_id, str(message)))

    def lines(self, dry_run=False):
        if dry_run:
            yield _("Dry run: nothing was written. This is what the import would do.")
        for kind, label in KINDS.items():
            counts = self.counts.get(kind)
            if counts:
                values = {"kind": label, **{outcome: counts[outcome] for outcome in OUTCOMES}}
                yield COUNTS % values
        for message, n in sorted(self.notes.items()):
            yield _("%(message)s: %(n)d") % {"message": message, "n": n}
        if self.problems:
            yield _("Problems (%(n)d):") % {"n": len(self.problems)}
        for kind, wp_id, message in self.problems:
            yield _("  %(kind)s WordPress id %(id)s: %(message)s") % {
                "kind": KINDS.get(kind, kind), "id": wp_id, "message": message
            }  # fmt: skip


class Progress:
    """A one-line progress bar (done / total, per kind) on a terminal; silent otherwise."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.shown = stream is not None and stream.isatty()
        self.last = 0.0

    def __call__(self, kind, done, total):
        if not self.shown:
            return
        now = time.monotonic()
        if done < total and now - self.last < 0.2:
            return
        self.last = now
        filled = self.WIDTH * done // max(total, 1)
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        self.stream.write(f"\r{KINDS.get(kind, kind)}: {bar} {done}/{total}\033[K")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
