from django.core.management.base import BaseCommand

from articles.models import Article


class Command(BaseCommand):
    help = (
        "Render every article's reader HTML (body_html) again, e.g. after the figure "
        "template changes. Saved through save(); no new version in the history."
    )

    def handle(self, *args, **options):
        changed = 0
        for article in Article.objects.iterator(chunk_size=200):
            if article.render_body() != (article.body, article.body_html):
                article.skip_history_when_saving = True
                article.save()
                changed += 1
        self.stdout.write(f"{changed} article bodies rendered again.")
