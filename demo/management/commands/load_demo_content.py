from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleFigure
from demo.content import FIGURE_SIZE, LEAD_IMAGE_SIZE, body_html, hours, read
from demo.pictures import render_picture, render_portrait
from tests import factories


class Command(BaseCommand):
    """Load demo content: sections, authors and Arabic articles with generated pictures.

    Five sections, four authors and eleven invented articles about the city of
    al-Yasmina (demo/data/content.json): nine published over the last ten days
    (one featured), one draft and one scheduled two days ahead, which readers
    must not see. Published articles get a lead image and three of them an
    inline figure, drawn with Pillow and put in the image library.

    Rows are keyed on their slugs, so running the command again updates them in
    place (publication times move along with the clock) and creates nothing new;
    a picture is only drawn for an article that has none yet.
    """

    help = "Load demo sections, authors and articles (safe to run more than once)."

    def handle(self, *args, **options):
        self.pictures_drawn = 0
        content = read("content.json")
        self.palettes = {s["slug"]: s["palette"] for s in content["sections"]}
        now = timezone.now()
        with transaction.atomic():
            sections = {
                s["slug"]: factories.section(
                    s["name"], s["slug"], position=s["position"], description=s["description"]
                )
                for s in content["sections"]
            }
            authors = {a["slug"]: factories.author(a["name"], a["slug"], bio=a["bio"])
                       for a in content["authors"]}  # fmt: skip
            for seed, author in enumerate(authors.values(), start=1):
                self.add_portrait(author, seed, list(self.palettes.values()))
            articles = [
                self.load_article(index, data, sections, authors, now)
                for index, data in enumerate(content["articles"], start=1)
            ]
        published = sum(article.is_published for article in articles)
        scheduled = sum(article.is_scheduled for article in articles)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded: {len(sections)} sections, {len(authors)} authors, "
                f"{len(articles)} articles ({published} published, {scheduled} scheduled, "
                f"{len(articles) - published - scheduled} draft); "
                f"{self.pictures_drawn} new pictures drawn."
            )
        )

    def add_portrait(self, author, seed, palettes):
        """A drawn headshot for an author without a photo (the author page shows it)."""
        if author.photo:
            return
        palette = [tuple(colour) for colour in palettes[seed % len(palettes)]]
        data = render_portrait(palette, seed)
        author.photo.save(f"demo-author-{seed}.jpg", ContentFile(data), save=True)
        self.pictures_drawn += 1

    def load_article(self, index, data, sections, authors, now):
        offset = hours(data["published_hours_from_now"])
        # The photo its body showed last time (none the first time): drawn only once.
        shown = ArticleFigure.objects.filter(article__slug=data["slug"]).select_related("image")
        shown = shown.first()
        article, _ = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "standfirst": data["standfirst"],
                "body": body_html(data),
                "category": sections[data["section"]],
                "status": Article.Status.DRAFT if offset is None else Article.Status.PUBLISHED,
                "published_at": None if offset is None else now + offset,
                "is_featured": data.get("featured", False),
                "comments_open": data.get("comments_open", True),
            },
        )
        article.authors.set([authors[slug] for slug in data["authors"]])
        article.tags.set(data["tags"])
        figure_image = self.add_pictures(article, index, data, shown and shown.image)
        # Saved again with the lead image and the body's photo, now in the library.
        article.body = body_html(data, figure_image)
        article.save()
        if article.is_published:
            self.backdate(article, data)
        return article

    def add_pictures(self, article, index, data, figure_image):
        top, bottom = (tuple(colour) for colour in self.palettes[data["section"]])
        if data.get("image"):
            article.lead_image = self.library_image(
                article.lead_image, data["image"], LEAD_IMAGE_SIZE, (top, bottom), seed=index
            )
        if not data.get("figure"):
            return None
        return self.library_image(
            figure_image,
            data["figure"],
            FIGURE_SIZE,
            (bottom, top),
            seed=1000 + index,
        )

    def backdate(self, article, data):
        """Creation and update times as if the article had been written before it came out.

        Bookkeeping columns only (no text readers see changes), so no save().
        One demo article was corrected after publication.
        """
        after = hours(data.get("updated_hours_after_publication"))
        revised_at = article.published_at + after if after else None
        Article.objects.filter(pk=article.pk).update(
            created_at=article.published_at - hours(2),
            updated_at=revised_at or article.published_at,
            revised_at=revised_at,
        )
        article.refresh_from_db()

    def library_image(self, image, description, size, palette, seed):
        """The image in the library with this description, drawn only the first time."""
        if image is None:
            self.pictures_drawn += 1
            return factories.library_image(
                description["alt"],
                description["caption"],
                description.get("credit", ""),
                data=render_picture(size, palette, seed),
                name=f"demo-{seed}.jpg",
            )
        image.alt_text = description["alt"]
        image.caption = description["caption"]
        image.credit = description.get("credit", "")
        image.save()
        return image
