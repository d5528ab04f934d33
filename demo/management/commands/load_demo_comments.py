from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, text_fingerprint
from demo.content import read


class Command(BaseCommand):
    """Add a few Arabic demo comments to the newest published articles; safe to run again."""

    help = "Add demo reader comments (approved, pending, and a reply) to published articles."

    def handle(self, *args, **options):
        threads = read("comments.json")["threads"]
        articles = list(Article.objects.published()[: len(threads)])
        if not articles:
            self.stdout.write("No published articles yet: load the demo content first.")
            return
        added = 0
        now = timezone.now()
        for article, thread in zip(articles, threads, strict=False):
            saved = []
            for n, entry in enumerate(thread):
                body, status, reply_to = entry["body"], entry["status"], entry["reply_to"]
                existing = Comment.objects.filter(
                    article=article, fingerprint=text_fingerprint(body)
                ).first()
                if existing is None:
                    existing = Comment.objects.create(
                        article=article,
                        parent=saved[reply_to] if reply_to is not None else None,
                        name=entry["name"],
                        email=entry["email"],
                        body=body,
                        status=status,
                        created_at=min(article.published_at + timedelta(hours=n + 1), now),
                        moderated_at=now if status == Comment.Status.APPROVED else None,
                    )
                    added += 1
                saved.append(existing)
        self.stdout.write(f"Demo comments: {added} added.")
