"""Moving a WordPress newsroom in: authors, sections, tags, images, articles and comments.

The export is read three times, each time as a stream (see export.py): once
to count what is there (and to refuse a broken or unsafe file before anything
is written), once for the authors, terms and attachments, and once for the
posts, so a post always finds its images whatever their order in the file.

Each object is imported in a transaction of its own, and each post together
with its figures and comments: one that fails is reported by its WordPress id
and leaves nothing behind, and the others go on. What was imported is
remembered (ImportedObject) with a digest of its WordPress data, so running
the same export again skips what is unchanged and updates what changed.
"""

import hashlib
import ipaddress
import posixpath
import re
from collections import Counter
from contextlib import nullcontext
from functools import partial
from html import unescape
from urllib.parse import parse_qsl, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.models import Article, Author, Category, unique_slug
from comments.models import Comment
from comments.visitors import ip_fingerprint
from images import processing
from images.models import Image

from . import bodies, uploads
from .export import Author as WPAuthor
from .export import Item, Site, Term, records
from .models import ImportedObject, OldAddress, address_key
from .report import Report

Kind = ImportedObject.Kind
# Where the body converter (wordpress.bodies) left each figure: its own paragraph.
PLACED_FIGURE = re.compile(r"(?:<p>\s*)?\[\[figure:(\d+)\]\](?:\s*</p>)?")
MODELS = {
    Kind.AUTHOR: Author, Kind.SECTION: Category, Kind.TAG: Tag, Kind.IMAGE: Image,
    Kind.ARTICLE: Article, Kind.COMMENT: Comment,
}  # fmt: skip
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REMOVED,
    "post-trashed": Comment.Status.REMOVED,
}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
SIZES_IN_METADATA = r's:\d+:"([^"/]+\.(?:jpe?g|png|gif|webp))"'


def digest_of(record):
    return hashlib.sha256(repr(record).encode()).hexdigest()


def place_figures(article, placed):
    """Put the body's figures in place with the article's figure mechanism.

    The one function that knows that mechanism: the body editor's figures,
    `<figure data-image="ID"><figcaption>…</figcaption></figure>`, put where the
    converter wrote its [[figure:N]] placeholders. `placed` lists (image, caption)
    for N = 1, 2…; Article.save() renders them and indexes the figures.
    """

    def figure(match):
        number = int(match.group(1))
        if not 1 <= number <= len(placed):
            return ""
        image, caption = placed[number - 1]
        return format_html(
            '<figure data-image="{}"><figcaption>{}</figcaption></figure>', image.pk, caption or ""
        )

    article.body = PLACED_FIGURE.sub(figure, article.body)
    article.save()


def desk_embed(url):
    """The desk's embed for a URL, or None: this newsroom's bodies have no embeds yet."""
    return None


class WordPressImport:
    """One run of `manage.py import_wordpress`."""

    def __init__(self, path, *, uploads=None, dry_run=False, default_author="",
                 download=True, progress=None):  # fmt: skip
        self.path = path
        self.uploads = uploads
        self.dry_run = dry_run
        self.default_author = default_author
        self.download = download
        self.progress = progress or (lambda kind, done, total: None)
        self.report = Report()
        self.site = Site()
        self.category_parents = {}  # slug -> parent slug, to write /category/a/b/
        self.created_files = []  # files stored by the unit under way

    # --- The run --------------------------------------------------------------

    def run(self):
        totals = self.count()
        # A dry run goes through every step and then rolls all of it back.
        with transaction.atomic() if self.dry_run else nullcontext():
            done = Counter()
            for record in records(self.path):
                if isinstance(record, Site):
                    self.site = record
                elif isinstance(record, WPAuthor | Term):
                    self.import_term(record)
                elif record.post_type == "attachment":
                    self.import_attachment(record)
                    done["image"] += 1
                    self.progress("image", done["image"], totals["image"])
            for record in records(self.path):
                if isinstance(record, Item) and record.post_type != "attachment":
                    self.import_item(record)
                    done["article"] += 1
                    self.progress("article", done["article"], totals["article"])
            if self.dry_run:
                transaction.set_rollback(True)
        return self.report

    def count(self):
        totals = Counter()
        for record in records(self.path):
            if isinstance(record, Item):
                totals["image" if record.post_type == "attachment" else "article"] += 1
        return totals

    def unit(self, kind, wp_id, record, make, guid=""):
        """Import one object in a transaction of its own: (object or None, outcome)."""
        site = self.site_key
        known = ImportedObject.objects.filter(site=site, kind=kind, wp_id=wp_id).first()
        existing = known and MODELS[kind].objects.filter(pk=known.object_id).first()
        digest = digest_of(record)
        if existing is not None and known.digest == digest:
            self.report.count(kind, "skipped")
            return existing, "skipped"
        self.created_files = []
        try:
            with transaction.atomic():
                made = make(existing)
                remember_imports([self.imported(kind, wp_id, made, digest, guid)])
        except Exception as error:  # one broken object must not stop the others
            self.discard_created_files()
            self.report.problem(kind, wp_id, describe(error))
            return None, "failed"
        outcome = "updated" if existing is not None else "imported"
        self.report.count(kind, outcome)
        return made, outcome

    def imported(self, kind, wp_id, made, digest, guid=""):
        return ImportedObject(site=self.site_key, kind=kind, wp_id=wp_id, object_id=made.pk,
                              digest=digest, guid=guid[:500])  # fmt: skip

    @property
    def site_key(self):
        return self.site.url or self.site.blog_url

    @property
    def blog_path(self):
        return urlsplit(self.site.blog_url or self.site.url).path.rstrip("/")

    # --- Old addresses ----------------------------------------------------------

    def remember_addresses(self, target_field, target, paths):
        """Store the old addresses of target, each under its address_key(), in one query."""
        keys = set()
        for path in paths:
            if path:
                parts = urlsplit(path)
                keys.add(address_key(unquote(parts.path), dict(parse_qsl(parts.query)))[0])
        keys.discard("/")
        longest = OldAddress._meta.get_field("path").max_length  # no real address is longer
        rows = [OldAddress(path=k, **{target_field: target}) for k in keys if len(k) <= longest]
        fields = ["article", "section", "tag", "author", "image"]
        OldAddress.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["path"], update_fields=fields
        )

    def target_id(self, field, path):
        key = address_key(path)[0]
        return OldAddress.objects.filter(path=key).values_list(f"{field}_id", flat=True).first()

    def own_path(self, url):
        """The path (and query) of an address on the old site; None for another site's."""
        parts = urlsplit(url or "")
        if parts.hostname and parts.hostname not in self.site.hosts:
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    # --- Authors, sections, tags --------------------------------------------------

    def import_term(self, record):
        if isinstance(record, WPAuthor):
            self.unit(Kind.AUTHOR, record.login, record, partial(self.make_author, record))
        elif record.taxonomy == "category":
            self.category_parents[record.slug] = record.parent_slug
            self.unit(Kind.SECTION, record.wp_id, record, partial(self.make_section, record))
        else:
            self.unit(Kind.TAG, record.wp_id, record, partial(self.make_tag, record))

    def make_author(self, record, author):
        author = author or Author.objects.filter(name=record.display_name[:150]).first() or Author()
        author.name = record.display_name[:150]
        author.save()
        login, blog = record.login, self.blog_path
        paths = {
            f"{blog}/author/{name}" for name in (login, login.replace(".", "-"), slugify(login))
        }
        if record.wp_id:
            paths.add(f"{blog}/?author={record.wp_id}")
        self.remember_addresses("author", author, paths)
        return author

    def make_section(self, record, section):
        slug = slugify(record.slug, allow_unicode=True)[:120] or None
        section = (
            section
            or Category.objects.filter(slug=slug).first()
            or Category.objects.filter(name=record.name[:100]).first()
            or Category(slug=slug or "")
        )
        name = record.name[:100]
        parent = Category.objects.filter(slug=record.parent_slug).first()
        if parent is not None:
            # Sections are not nested here: a subcategory says in its description
            # which section it belonged to, and keeps its own slug.
            if Category.objects.exclude(pk=section.pk).filter(name=name).exists():
                name = f"{name} ({parent.name})"[:100]
            note = _("On the old site, part of «%(parent)s».") % {"parent": parent.name}
            description = "\n\n".join(t for t in (record.description, note) if t)
        else:
            description = record.description
        section.name, section.description = name, description
        section.save()
        self.remember_addresses("section", section, self.section_paths(record))
        return section

    def section_paths(self, record):
        chain, slug = [record.slug], record.parent_slug
        while slug and slug not in chain and len(chain) < 10:
            chain.insert(0, slug)
            slug = self.category_parents.get(slug, "")
        blog = self.blog_path
        return {f"{blog}/category/{'/'.join(chain)}", f"{blog}/category/{record.slug}",
                f"{blog}/?cat={record.wp_id}"}  # fmt: skip

    def make_tag(self, record, tag):
        tag = (
            tag
            or Tag.objects.filter(slug=record.slug[:100]).first()
            or Tag.objects.filter(name__iexact=record.name[:100]).first()
            or Tag(slug=slugify(record.slug, allow_unicode=True)[:100])
        )
        tag.name = record.name[:100]
        tag.save()
        blog = self.blog_path
        self.remember_addresses(
            "tag", tag, {f"{blog}/tag/{record.slug}", f"{blog}/?tag={record.slug}"}
        )
        return tag

    # --- Images -----------------------------------------------------------------

    def import_attachment(self, item):
        path = bodies.upload_path(item.attachment_url, self.site.hosts)
        if posixpath.splitext(path or item.attachment_url)[1].lower() not in IMAGE_EXTENSIONS:
            self.report.note(_("Attachments that are not images (left out)"))
            return
        self.unit(Kind.IMAGE, item.wp_id, item, partial(self.make_attachment, item),
                  guid=item.guid)  # fmt: skip

    def make_attachment(self, item, image):
        alt = item.meta.get("_wp_attachment_image_alt", "")
        caption = bodies.text_of(item.excerpt) or bodies.text_of(item.content)
        if image is None:
            image = self.new_image(item.attachment_url, alt=alt, caption=caption)
        else:
            image.alt_text, image.caption = alt[:300], caption[:300]
            image.save()
        blog = self.blog_path
        paths = {self.own_path(item.link), f"{blog}/?attachment_id={item.wp_id}"}
        paths |= self.upload_addresses(item)
        self.remember_addresses("image", image, paths)
        return image

    def upload_addresses(self, item):
        """The file's own address and those of the sizes WordPress cut from it."""
        own = self.own_path(item.attachment_url)
        if not own:
            return set()
        folder = posixpath.dirname(urlsplit(own).path)
        sizes = re.findall(SIZES_IN_METADATA, item.meta.get("_wp_attachment_metadata", ""))
        return {own} | {f"{folder}/{name}" for name in sizes}

    def new_image(self, url, *, alt="", caption=""):
        """A library image from the old site's file, through the library's own save."""
        relative = bodies.upload_path(url, self.site.hosts) or ""
        try:
            data = uploads.fetch(self.uploads, relative, url, allow_download=self.download)
        except uploads.Missing as missing:
            raise MissingFile(_("File not found: %(file)s") % {"file": missing}) from None
        name = posixpath.basename(relative or urlsplit(url).path) or "wordpress.jpg"
        image = Image(alt_text=alt[:300], caption=caption[:300])
        if self.dry_run:
            # Checked like every upload, but not stored: nothing is written in a dry run.
            picture = processing.open_checked(data)
            image.file, (image.width, image.height) = f"wordpress-dry-run/{name}", picture.size
        else:
            image.file = ContentFile(data, name=name)
        image.save()
        self.created_files.append(image)
        return image

    def discard_created_files(self):
        """The stored files of images whose rows were rolled back."""
        for image in self.created_files:
            if not self.dry_run and image.file:
                processing.delete_files(image.file.storage, image.stored_names())
        self.created_files = []

    def image_for(self, figure):
        """The library image of a body figure; its address (of whatever size) leads to it."""
        image = self.find_image(figure)
        own = self.own_path(figure.src)
        if image is not None and own:
            self.remember_addresses("image", image, {urlsplit(own).path})
        return image

    def find_image(self, figure):
        """By attachment id, by address, or imported now from the uploads."""
        if figure.attachment_id:
            known = ImportedObject.objects.filter(
                site=self.site_key, kind=Kind.IMAGE, wp_id=figure.attachment_id
            ).values_list("object_id", flat=True).first()  # fmt: skip
            image = known and Image.objects.filter(pk=known).first()
            if image:
                return image
        own = self.own_path(figure.src)
        if not own:
            return None
        for path in (own, bodies.original_upload(urlsplit(own).path)):
            image_id = self.target_id("image", urlsplit(path).path)
            if image_id:
                return Image.objects.get(pk=image_id)
        original = figure.src.replace(own, bodies.original_upload(urlsplit(own).path))
        image = self.new_image(original, alt=figure.alt)
        self.report.count(Kind.IMAGE, "imported")  # an upload no attachment listed
        self.remember_addresses("image", image, {urlsplit(original).path})
        return image

    # --- Posts ------------------------------------------------------------------

    def import_item(self, item):
        if item.post_type == "page":
            self.report.count("page", "skipped")
            return
        if item.post_type != "post":
            return  # menus, revisions, plugins' own types: nothing of a newsroom's
        if item.status in SKIPPED_STATUSES:
            self.report.note(_("Posts in the bin or never saved (left out)"))
            return
        make = partial(self.make_article, item)
        outcome = self.unit(Kind.ARTICLE, item.wp_id, item, make, guid=item.guid)[1]
        if outcome == "skipped":
            self.report.count(Kind.COMMENT, "skipped", len(self.readers_comments(item)))

    def make_article(self, item, article):
        body = bodies.convert(item.content, self.site.hosts, embed=desk_embed)
        placed = self.resolve_figures(item, body)
        article = article or Article()
        article.title = item.title[:200] or _("Untitled")
        if item.slug:
            article.slug = unique_slug(article, item.slug)
        article.standfirst = bodies.text_of(item.excerpt) or bodies.first_paragraph(body.html)
        article.body = body.html
        article.category = self.section_of(item)
        article.status, article.published_at = publication(item)
        article.is_featured = item.sticky
        article.comments_open = item.comment_status != "closed"
        article.lead_image = self.lead_image_of(item)
        article.save()
        place_figures(article, placed)
        article.authors.set(self.authors_of(item))
        article.tags.set(self.tags_of(item))
        self.import_comments(item, article)
        self.remember_addresses("article", article, self.post_paths(item))
        if item.modified_gmt:
            # updated_at is auto_now: the WordPress time can only be written after save().
            Article.objects.filter(pk=article.pk).update(updated_at=item.modified_gmt)
        self.note_body(body)
        return article

    def note_body(self, body):
        for name, n in body.removed_shortcodes.items():
            self.report.note(_("Shortcode [%(name)s] removed") % {"name": name}, n)
        if body.embeds:
            self.report.note(_("Embeds turned into links"), body.embeds)
        if body.dropped_images:
            self.report.note(_("Images from other sites removed from bodies"), body.dropped_images)

    def resolve_figures(self, item, body):
        """(image, caption) for each figure found; a missing one is reported and left out."""
        placed, numbers = [], {}
        for n, figure in enumerate(body.figures, 1):
            try:
                image = self.image_for(figure)
            except (MissingFile, ValidationError) as error:
                self.report.problem(Kind.ARTICLE, item.wp_id, describe(error))
                image = None
            if image is not None:
                placed.append((image, figure.caption))
                numbers[n] = len(placed)
        body.html = bodies.PLACEHOLDER.sub(lambda m: renumbered(m.group(0), numbers), body.html)
        body.html = body.html.replace("<p></p>", "")
        return placed

    def lead_image_of(self, item):
        wp_id = item.meta.get("_thumbnail_id")
        if not wp_id:
            return None
        known = ImportedObject.objects.filter(site=self.site_key, kind=Kind.IMAGE, wp_id=wp_id)
        image_id = known.values_list("object_id", flat=True).first()
        image = image_id and Image.objects.filter(pk=image_id).first()
        if not image:
            message = _("Its featured image (%(id)s) was not imported.") % {"id": wp_id}
            self.report.problem(Kind.ARTICLE, item.wp_id, message)
        return image or None

    def section_of(self, item):
        primary = item.meta.get("_yoast_wp_primary_category")
        if primary:
            section_id = self.target_id("section", f"{self.blog_path}/?cat={primary}")
            if section_id:
                return Category.objects.get(pk=section_id)
        for taxonomy, slug, name in item.terms:
            if taxonomy == "category":
                return self.term_target("section", slug, name)
        return self.term_target("section", "uncategorized", _("Uncategorized"))

    def term_target(self, field, slug, name):
        """The section or tag of a post's term, made now if the export's head lacked it."""
        folder = "category" if field == "section" else "tag"
        found = self.target_id(field, f"{self.blog_path}/{folder}/{slug}")
        model = Category if field == "section" else Tag
        if found:
            return model.objects.get(pk=found)
        term = Term("category" if field == "section" else "post_tag", f"slug:{slug}", slug, name)
        make = self.make_section if field == "section" else self.make_tag
        return make(term, None)

    def tags_of(self, item):
        return [
            self.term_target("tag", slug, name) for t, slug, name in item.terms if t == "post_tag"
        ]

    def authors_of(self, item):
        logins = [item.creator] + [
            s.removeprefix("cap-") for t, s, n in item.terms if t == "author"
        ]
        found = []
        for login in dict.fromkeys(filter(None, logins)):
            author_id = self.target_id("author", f"{self.blog_path}/author/{login}")
            if author_id:
                found.append(author_id)
        if found:
            return found
        name = self.default_author or item.creator or _("Newsroom")
        author = Author.objects.filter(name=name).first() or Author.objects.create(name=name)
        return [author.pk]

    def post_paths(self, item):
        blog, slug, wp_id = self.blog_path, item.slug, item.wp_id
        paths = {self.own_path(item.link), self.own_path(item.guid),
                 f"{blog}/?p={wp_id}", f"{blog}/archives/{wp_id}"}  # fmt: skip
        if slug:
            paths.add(f"{blog}/{slug}")
            if item.date_local:
                d = item.date_local
                paths.add(f"{blog}/{d:%Y/%m/%d}/{slug}")
                paths.add(f"{blog}/{d:%Y/%m}/{slug}")
        return paths

    # --- Comments -----------------------------------------------------------------

    def readers_comments(self, item):
        kept = [c for c in item.comments if c.type not in ("pingback", "trackback")]
        return sorted(kept, key=lambda c: int(c.wp_id) if c.wp_id.isdigit() else 0)

    def import_comments(self, item, article):
        pings = len(item.comments) - len(self.readers_comments(item))
        if pings:
            self.report.note(_("Pingbacks and trackbacks (left out)"), pings)
        comments = self.readers_comments(item)
        known = {
            r.wp_id: r for r in ImportedObject.objects.filter(
                site=self.site_key, kind=Kind.COMMENT, wp_id__in=[c.wp_id for c in comments])
        }  # fmt: skip
        existing = Comment.objects.in_bulk([r.object_id for r in known.values()])
        made, orphans, remembered = {}, [], []
        for record in comments:
            row = known.get(record.wp_id)
            comment = existing.get(row.object_id) if row else None
            digest = digest_of(record)
            if comment is not None and row.digest == digest:
                self.report.count(Kind.COMMENT, "skipped")
                made[record.wp_id] = comment
                continue
            outcome = "updated" if comment is not None else "imported"
            comment = self.save_comment(record, article, comment, made)
            if record.parent_id not in ("", "0") and comment.parent_id is None:
                orphans.append(record)
            made[record.wp_id] = comment
            remembered.append(self.imported(Kind.COMMENT, record.wp_id, comment, digest))
            self.report.count(Kind.COMMENT, outcome)
        remember_imports(remembered)
        for record in orphans:  # replies that came before what they answer
            if record.parent_id in made:
                made[record.wp_id].parent = thread_of(made[record.parent_id])
                made[record.wp_id].save()

    def save_comment(self, record, article, comment, made):
        comment = comment or Comment(article=article)
        comment.name = (record.author or _("Reader")).strip()[:100]
        comment.email = record.email if "@" in record.email else ""
        comment.body = comment_text(record.content)
        comment.status = COMMENT_STATUSES.get(record.approved, Comment.Status.PENDING)
        comment.created_at = record.date_gmt or article.published_at or timezone.now()
        comment.parent = thread_of(made.get(record.parent_id))
        ip = valid_ip(record.ip)
        comment.ip_hash = ip_fingerprint(ip) if ip else ""
        # Clear addresses only while the newsroom keeps them (purge_comment_ips clears old ones).
        comment.ip_address = ip if settings.COMMENTS_KEEP_IP_DAYS > 0 else None
        if comment.status != Comment.Status.PENDING:
            # Decided on the old site: not for this site's moderation queue.
            comment.moderated_at = comment.moderated_at or timezone.now()
        if is_repeat(comment):
            # The same words twice from one commenter under one article (a double
            # click on the old site): kept, but removed, as our comments would be.
            comment.status = Comment.Status.REMOVED
            self.report.note(_("Comments repeated by their commenter (kept as removed)"))
        comment.save()
        return comment


def is_repeat(comment):
    """Whether this commenter already has a comment with these words on the article."""
    comment.derive_keys()
    if not comment.commenter_key or comment.status == Comment.Status.REMOVED:
        return False
    return (
        Comment.objects.filter(
            article=comment.article,
            commenter_key=comment.commenter_key,
            fingerprint=comment.fingerprint,
        )
        .exclude(status=Comment.Status.REMOVED)
        .exclude(pk=comment.pk)
        .exists()
    )


def remember_imports(rows):
    """Record (or update) what WordPress objects became, in one query."""
    ImportedObject.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["site", "kind", "wp_id"],
        update_fields=["object_id", "digest", "guid", "imported_at"],
    )


class MissingFile(Exception):
    """An image file in neither the uploads folder nor on the old site."""


def renumbered(placeholder, numbers):
    n = int(placeholder.strip("[]").split(":")[1])
    return bodies.FIGURE_PLACEHOLDER.format(n=numbers[n]) if n in numbers else ""


def thread_of(parent):
    """What a reply hangs from: replies are one level deep here, as the comment form makes
    them, so a reply to a reply joins its thread (WordPress nests them deeper)."""
    if parent is None:
        return None
    return parent.parent if parent.parent_id else parent


def comment_text(html):
    """A WordPress comment as our comments are written: plain text, its line breaks kept."""
    text = unescape(bodies.TAG.sub("", re.sub(r"<br\s*/?>|</p>", "\n", html or "")))
    return "\n".join(line.strip() for line in text.strip().splitlines()) or "—"


def valid_ip(text):
    try:
        return str(ipaddress.ip_address((text or "").strip()))
    except ValueError:
        return None


def publication(item):
    """Our status and publication time for a post's WordPress status and GMT date."""
    when = item.date_gmt
    if when is None and item.date_local is not None:
        when = timezone.make_aware(item.date_local)  # the site's clock, as settings say
    if item.status in ("publish", "future"):
        # "future" is WordPress's scheduled: published, at a time still to come.
        return Article.Status.PUBLISHED, when or timezone.now()
    return Article.Status.DRAFT, None


def describe(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or type(error).__name__
