"""What a page's <head> tells search engines and link previews: canonical, OpenGraph, JSON-LD."""

import json
from datetime import datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from PIL import Image

from articles.models import Author
from distribution import schema_org

from .conftest import library_image

HOSTILE_TITLE = 'خبر </script><script>alert("x")</script> <!-- ]]> & نهاية'


class HeadReader(HTMLParser):
    """Reads a page's head as a browser would: meta and link tags, JSON-LD scripts."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.json_ld, self.scripts = [], [], [], 0
        self._in_json_ld = False
        self.feed(html[: html.index("</head>")])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta.append((attrs.get("property") or attrs.get("name"), attrs["content"]))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts += "src" not in attrs  # inline: JSON-LD, or something that broke out
            self._in_json_ld = attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def first(self, key):
        return dict(reversed(self.meta)).get(key)

    def all(self, key):
        return [value for name, value in self.meta if name == key]

    def canonical(self):
        [link] = [link for link in self.links if link.get("rel") == "canonical"]
        return link["href"]

    def data(self, kind):
        [item] = [item for item in self.json_ld if item.get("@type") == kind]
        return item


def to_second(moment):
    return moment.replace(microsecond=0)


def read_head(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return HeadReader(response.content.decode())


@pytest.mark.django_db
def test_article_head_has_canonical_and_opengraph_with_absolute_urls(client, published):
    head = read_head(client, published.get_absolute_url())
    url = "http://testserver" + published.get_absolute_url()
    image = "http://testserver" + published.lead_image.for_sharing.url
    assert head.canonical() == url
    assert head.first("og:url") == url
    assert head.first("og:type") == "article"
    assert head.first("og:locale") == "ar_AR"
    assert head.first("og:site_name") == "غرفة الأخبار"
    assert head.first("og:title") == published.title
    assert head.first("og:description") == published.standfirst
    assert head.first("og:image") == image
    assert (head.first("og:image:width"), head.first("og:image:height")) == ("64", "34")  # 1.91:1
    assert head.first("og:image:alt") == "قاعة المجلس البلدي"
    assert head.first("twitter:card") == "summary_large_image"
    assert head.first("twitter:title") == published.title
    assert head.first("twitter:description") == published.standfirst
    assert head.first("twitter:image") == image
    published_time = datetime.fromisoformat(head.first("article:published_time"))
    modified_time = datetime.fromisoformat(head.first("article:modified_time"))
    assert published_time == to_second(published.published_at)
    assert modified_time == to_second(published.last_modified)
    assert head.first("article:section") == "سياسة"
    assert head.all("article:tag") == ["ميزانية"]
    author_url = "http://testserver" + published.authors.get().get_absolute_url()
    assert head.all("article:author") == [author_url]


@pytest.mark.django_db
def test_article_without_image_previews_with_the_logo(client, make_article):
    article = make_article("خبر بلا صورة")
    head = read_head(client, article.get_absolute_url())
    assert head.first("og:image") == "http://testserver/static/img/logo.png"
    assert head.first("og:image:width") == str(schema_org.LOGO_WIDTH)
    assert head.first("twitter:card") == "summary"
    assert "image" not in head.data("NewsArticle")


@pytest.mark.django_db
def test_article_json_ld_is_a_complete_news_article(client, make_article, author):
    second = Author.objects.create(name="عمر الخطيب", slug="عمر-الخطيب")
    article = make_article(
        "افتتاح جسر المدينة الجديد",
        standfirst="الجسر يختصر زمن الرحلة إلى النصف.",
        authors=[author, second],
        tags=["نقل", "بنية تحتية"],
        lead_image=library_image(caption="الجسر عند الغروب"),
    )
    head = read_head(client, article.get_absolute_url())
    url = "http://testserver" + article.get_absolute_url()
    data = head.data("NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "افتتاح جسر المدينة الجديد"
    assert data["description"] == "الجسر يختصر زمن الرحلة إلى النصف."
    assert data["url"] == url
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["image"] == {
        "@type": "ImageObject",
        "url": "http://testserver" + article.lead_image.for_sharing.url,
        "width": 64,
        "height": 34,  # the share crop: 1.91:1
        "caption": "الجسر عند الغروب",
    }
    assert datetime.fromisoformat(data["datePublished"]) == to_second(article.published_at)
    assert datetime.fromisoformat(data["dateModified"]) == to_second(article.last_modified)
    assert sorted(data["author"], key=lambda a: a["name"]) == [
        {
            "@type": "Person",
            "name": "عمر الخطيب",
            "url": "http://testserver" + second.get_absolute_url(),
        },
        {
            "@type": "Person",
            "name": "ليلى منصور",
            "url": "http://testserver" + author.get_absolute_url(),
        },
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "غرفة الأخبار",
        "url": "http://testserver/",
        "logo": {
            "@type": "ImageObject",
            "url": "http://testserver/static/img/logo.png",
            "width": 512,
            "height": 512,
        },
    }
    assert data["inLanguage"] == "ar"
    assert data["articleSection"] == "سياسة"
    assert sorted(data["keywords"]) == ["بنية تحتية", "نقل"]

    crumbs = head.data("BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "الرئيسية", "http://testserver/"),
        (2, "سياسة", "http://testserver" + article.category.get_absolute_url()),
        (3, "افتتاح جسر المدينة الجديد", url),
    ]


@pytest.mark.django_db
def test_hostile_title_cannot_break_out_of_the_head(client, make_article):
    article = make_article(HOSTILE_TITLE, standfirst="</script>" + HOSTILE_TITLE)
    html = client.get(article.get_absolute_url()).content.decode()
    head = HeadReader(html)
    # Only our own JSON-LD scripts; the title's "<script>" stayed text.
    assert head.scripts == len(head.json_ld) == 2
    assert head.data("NewsArticle")["headline"] == HOSTILE_TITLE
    assert head.data("NewsArticle")["description"] == "</script>" + HOSTILE_TITLE
    assert head.first("og:title") == HOSTILE_TITLE
    assert "\\u003C/script\\u003E" in html and "<script>alert" not in html


def test_json_ld_filter_escapes_what_would_end_a_script():
    from distribution.templatetags.page_head import json_ld

    element = json_ld({"headline": "</script><!-- & >"})
    inner = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"headline": "</script><!-- & >"}


@pytest.mark.django_db
def test_absolute_urls_come_from_site_url_when_set(client, published, settings):
    settings.SITE_URL = "https://news.example"
    head = read_head(client, published.get_absolute_url())
    base = "https://news.example"
    assert head.canonical() == base + published.get_absolute_url()
    assert head.first("og:image") == base + published.lead_image.for_sharing.url
    data = head.data("NewsArticle")
    assert data["publisher"]["logo"]["url"] == base + "/static/img/logo.png"
    assert data["author"][0]["url"] == base + published.authors.get().get_absolute_url()
    assert "testserver" not in json.dumps(head.json_ld) + repr(head.meta)


@pytest.mark.django_db
def test_absolute_urls_follow_the_request_without_site_url(client, published, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["news.example"]
    head = read_head(client, published.get_absolute_url(), headers={"Host": "news.example"})
    assert head.canonical() == "http://news.example" + published.get_absolute_url()
    assert head.first("og:image") == "http://news.example" + published.lead_image.for_sharing.url


@pytest.mark.django_db
@pytest.mark.parametrize("trusted", [True, False])
def test_absolute_urls_behind_a_tls_proxy(client, published, settings, trusted):
    if trusted:
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = {"Host": "testserver", "X-Forwarded-Proto": "https"}
    head = read_head(client, published.get_absolute_url(), headers=proxied)
    scheme = "https" if trusted else "http"
    assert head.canonical() == f"{scheme}://testserver" + published.get_absolute_url()
    assert head.first("og:image") == f"{scheme}://testserver" + published.lead_image.for_sharing.url


@pytest.mark.django_db
def test_forwarded_host_is_used_only_when_trusted(client, published, settings):
    settings.ALLOWED_HOSTS = ["news.example", "internal"]
    proxied = {"Host": "internal", "X-Forwarded-Host": "news.example"}
    head = read_head(client, published.get_absolute_url(), headers=proxied)
    assert head.canonical().startswith("http://internal/")
    settings.USE_X_FORWARDED_HOST = True
    head = read_head(client, published.get_absolute_url(), headers=proxied)
    assert head.canonical().startswith("http://news.example/")


@pytest.mark.django_db
def test_section_page_is_a_collection_page_with_breadcrumbs(client, make_article, settings):
    settings.ARTICLES_PER_PAGE = 2
    articles = [make_article(f"خبر القسم {i}") for i in range(3)]
    section = articles[0].category
    section.description = "أخبار السياسة المحلية والدولية."
    section.save()
    section_url = "http://testserver" + section.get_absolute_url()

    head = read_head(client, section.get_absolute_url())
    assert head.canonical() == section_url
    assert head.first("og:type") == "website" and head.first("og:locale") == "ar_AR"
    page = head.data("CollectionPage")
    assert page["name"] == "سياسة"
    assert page["description"] == "أخبار السياسة المحلية والدولية."
    assert page["url"] == section_url
    assert page["inLanguage"] == "ar"
    assert [item["url"] for item in page["mainEntity"]["itemListElement"]] == [
        "http://testserver" + a.get_absolute_url() for a in articles[:2]
    ]
    crumbs = head.data("BreadcrumbList")["itemListElement"]
    assert [(c["name"], c["item"]) for c in crumbs] == [
        ("الرئيسية", "http://testserver/"),
        ("سياسة", section_url),
    ]

    second_page = read_head(client, section.get_absolute_url() + "?page=2")
    assert second_page.canonical() == section_url + "?page=2"
    listed = second_page.data("CollectionPage")["mainEntity"]["itemListElement"]
    assert [item["name"] for item in listed] == ["خبر القسم 2"]


@pytest.mark.django_db
def test_tag_and_author_pages_carry_collection_data(client, published):
    author = published.authors.get()
    for path, name in [
        (reverse("articles:tag", args=["ميزانية"]), "ميزانية"),
        (author.get_absolute_url(), author.name),
    ]:
        head = read_head(client, path)
        assert head.canonical() == "http://testserver" + path
        assert head.data("CollectionPage")["name"] == name
        last_crumb = head.data("BreadcrumbList")["itemListElement"][-1]
        assert last_crumb["item"] == "http://testserver" + path


@pytest.mark.django_db
def test_home_page_describes_the_website_and_its_publisher(client, published, settings):
    settings.SITE_URL = "https://news.example"
    head = read_head(client, "/")
    assert head.canonical() == "https://news.example/"
    assert head.first("og:type") == "website"
    website = head.data("WebSite")
    assert website["url"] == "https://news.example/" and website["inLanguage"] == "ar"
    assert head.data("Organization")["logo"]["url"] == "https://news.example/static/img/logo.png"


def test_logo_is_the_size_the_structured_data_announces():
    path = django_settings.BASE_DIR / "static" / schema_org.LOGO
    with Image.open(path) as logo:
        assert logo.format == "PNG"
        assert logo.size == (schema_org.LOGO_WIDTH, schema_org.LOGO_HEIGHT)
