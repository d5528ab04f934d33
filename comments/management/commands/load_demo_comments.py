from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, text_fingerprint

# Per article, newest first: (name, email, body, status, reply to the entry at this index).
DEMO_THREADS = [
    [
        (
            "هدى العلي",
            "huda.demo@example.org",
            "شكراً على هذا التقرير الواضح.\nأرجو أن تتابعوا الموضوع بعد الاجتماع القادم.",
            Comment.Status.APPROVED,
            None,
        ),
        (
            "مراد الحسيني",
            "murad.demo@example.org",
            "أوافقك الرأي، فالأرقام الواردة في الخبر تحتاج إلى شرح أوسع.",
            Comment.Status.APPROVED,
            0,
        ),
        (
            "سلمى",
            "salma.demo@example.org",
            "هل سيُنشر نص القرار كاملاً على موقع الجهة المعنية؟",
            Comment.Status.PENDING,
            None,
        ),
    ],
    [
        (
            "خالد بن ناصر",
            "khaled.demo@example.org",
            "لم أجد في الخبر موعداً محدداً للتطبيق، هل من توضيح؟",
            Comment.Status.APPROVED,
            None,
        ),
        (
            "ريم",
            "reem.demo@example.org",
            "معلومات مفيدة، وأتمنى ذكر مصادر الأرقام في المرات القادمة.",
            Comment.Status.PENDING,
            None,
        ),
    ],
    [
        (
            "Yusuf K.",
            "yusuf.demo@example.org",
            "متابعة ممتازة كالعادة، شكراً لفريق التحرير.",
            Comment.Status.APPROVED,
            None,
        ),
    ],
]


class Command(BaseCommand):
    """Add a few Arabic demo comments to the newest published articles; safe to run again."""

    help = "Add demo reader comments (approved, pending, and a reply) to published articles."

    def handle(self, *args, **options):
        articles = list(Article.objects.published()[: len(DEMO_THREADS)])
        if not articles:
            self.stdout.write("No published articles yet: load the demo content first.")
            return
        added = 0
        now = timezone.now()
        for article, thread in zip(articles, DEMO_THREADS, strict=False):
            saved = []
            for n, (name, email, body, status, reply_to) in enumerate(thread):
                existing = Comment.objects.filter(
                    article=article, fingerprint=text_fingerprint(body)
                ).first()
                if existing is None:
                    existing = Comment.objects.create(
                        article=article,
                        parent=saved[reply_to] if reply_to is not None else None,
                        name=name,
                        email=email,
                        body=body,
                        status=status,
                        created_at=min(article.published_at + timedelta(hours=n + 1), now),
                        moderated_at=now if status == Comment.Status.APPROVED else None,
                    )
                    added += 1
                saved.append(existing)
        self.stdout.write(f"Demo comments: {added} added.")
