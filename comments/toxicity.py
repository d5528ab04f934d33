"""The toxicity score: a place for a newsroom to plug in a classifier of its own.

None is bundled. COMMENTS_TOXICITY_SCORER is the dotted path of a callable

    def score(text: str, *, article) -> float | None

returning a probability between 0 (harmless) and 1 (toxic), or None when it
has no opinion. A comment scoring COMMENTS_TOXICITY_THRESHOLD or more is held
for a second look, and moderators see the score on its card. It is never
refused or published because of the score alone: a person decides.

The scorer runs inside the request that posts the comment, so it must be fast
and must set its own network timeout if it calls a service. A scorer that
raises is logged and the comment goes on without a score.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def score_nothing(text, *, article):
    """The default scorer: no opinion on any comment."""
    return None


def toxicity_of(text, article):
    """The configured scorer's score for text, clamped to 0..1; None if it has none."""
    try:
        score = import_string(settings.COMMENTS_TOXICITY_SCORER)(text, article=article)
        return None if score is None else min(1.0, max(0.0, float(score)))
    except Exception:  # a classifier that fails must not lose the reader's comment
        logger.exception("The toxicity scorer failed; the comment goes on without a score.")
        return None
