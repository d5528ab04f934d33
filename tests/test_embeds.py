"""Allow-listed embeds: a platform's link alone in its paragraph becomes, for readers,
a placeholder that loads nothing from the platform until the reader asks."""

import re

import pytest

from articles.embeds import FRAME_HOSTS, embed_for


@pytest.mark.parametrize(
    "link, provider, frame",
    [
        ("https://www.youtube.com/watch?v=aBcDeFgHiJk", "youtube", "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"),
        ("https://youtu.be/aBcDeFgHiJk?t=30", "youtube", "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"),
        ("https://youtube.com/shorts/aBcDeFgHiJk", "youtube", "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"),
        ("https://x.com/baladiya/status/1234567890123", "x", "https://platform.twitter.com/embed/Tweet.html?id=1234567890123"),
        ("https://twitter.com/baladiya/status/987", "x", "https://platform.twitter.com/embed/Tweet.html?id=987"),
        ("https://www.instagram.com/p/Cx1_ab-CD/", "instagram", "https://www.instagram.com/p/Cx1_ab-CD/embed"),
        ("https://www.instagram.com/reel/Cx1abCD/", "instagram", "https://www.instagram.com/reel/Cx1abCD/embed"),
        (
            "https://www.facebook.com/baladiya/posts/pfbid02abc",
            "facebook",
            "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fbaladiya%2Fposts%2Fpfbid02abc",
        ),
        (
            "https://www.facebook.com/baladiya/videos/123456/",
            "facebook",
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fbaladiya%2Fvideos%2F123456%2F",
        ),
    ],
)  # fmt: skip
def test_links_of_allowed_platforms_become_embeds(link, provider, frame):
    embed = embed_for(link)
    assert (embed.provider, embed.frame_url, embed.link) == (provider, frame, link)
    assert re.match(r"https://([^/]+)/", frame).group(1) in FRAME_HOSTS


@pytest.mark.parametrize(
    "link",
    [
        "https://www.youtube.com/",  # no video
        "https://www.youtube.com/watch?v=short",  # not a video id
        "https://x.com/baladiya",  # a profile, not a post
        "https://www.instagram.com/baladiya/",
        "https://vimeo.com/123456",  # not on the list
        "https://youtube.com.evil.example/watch?v=aBcDeFgHiJk",
        "javascript:alert(1)",
        "ftp://youtu.be/aBcDeFgHiJk",
    ],
)
def test_other_links_stay_links(link):
    assert embed_for(link) is None


@pytest.mark.django_db
def test_readers_get_a_placeholder_with_nothing_from_the_platform(client, make_article):
    article = make_article(
        body=(
            "<p>قبل.</p>"
            '<p><a href="https://www.youtube.com/watch?v=aBcDeFgHiJk">'
            "https://www.youtube.com/watch?v=aBcDeFgHiJk</a></p>"
            "<p>https://x.com/baladiya/status/1234567890123</p>"
            '<p>شاهد <a href="https://youtu.be/aBcDeFgHiJk">المقطع</a> كاملًا.</p>'
            '<p><a href="https://vimeo.com/123456">https://vimeo.com/123456</a></p>'
        )
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body = re.search(r'<div class="article-body">(.*?)</div>\n', html, re.S).group(1)
    embeds = re.findall(r'<figure class="embed".*?</figure>', body, re.S)
    assert len(embeds) == 2
    youtube, post = embeds
    assert 'data-embed="youtube"' in youtube and "youtube-nocookie.com/embed/aBcDeFgHiJk" in youtube
    assert "محتوى من يوتيوب" in youtube and "اعرض المحتوى من يوتيوب" in youtube
    assert 'data-embed="x"' in post and "إكس (تويتر)" in post
    # Nothing the browser fetches by itself: no frame, script, image or style from anywhere.
    assert not re.search(r"<(iframe|script|img|link|source)\b", "".join(embeds))
    # A link inside a sentence, or to a platform not on the list, stays a link.
    assert '<a href="https://youtu.be/aBcDeFgHiJk" rel="noopener noreferrer">المقطع</a>' in body
    assert 'href="https://vimeo.com/123456"' in body and body.count("<figure") == 2
    # The click-to-load script comes with such a page only, from our own server.
    assert '<script src="/static/articles/embeds.js" defer></script>' in html


@pytest.mark.django_db
def test_pages_without_embeds_load_no_embed_script(client, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert "embeds.js" not in html


@pytest.mark.django_db
def test_a_writer_cannot_forge_an_embed_in_the_body(make_article):
    article = make_article(
        body='<figure class="embed" data-embed-src="https://tracker.example/"><p>x</p></figure>'
    )
    assert "tracker.example" not in article.body_html and "data-embed" not in article.body
