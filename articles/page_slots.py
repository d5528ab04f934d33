"""Slots in the reader pages that other apps fill, so that articles depends on none of them.

A page exposes a slot by name (`{% load page_slots %}{% page_slot "after_article" %}`);
an app fills it from its AppConfig.ready() with `register(name, template)`. Each
template registered for a slot is rendered there with the page's context, in
the order of registration.

Slots of the reader pages:

| slot | where | context |
| --- | --- | --- |
| `site_head` | every page's <head> | the page's |
| `home_head` | the home page's <head> | `lead`, `latest`, `sections` |
| `article_head` | an article's <head> | `article`, `preview` |
| `section_head`, `tag_head`, `author_head` | listing pages' <head> | `subject`, `page_obj` |
| `after_article` | under an article's text | `article`, `preview` |
| `site_top` | every page, above the header | the page's |
| `after_byline` | an article's header, under the byline | `article`, `preview` |
| `home_aside` | the home page, after the latest news | the page's |
| `article_aside` | the end of an article page | the page's |
"""

_slots = {}


def register(slot, template_name):
    """Render template_name wherever the page shows `slot` (once, however often registered)."""
    templates = _slots.setdefault(slot, [])
    if template_name not in templates:
        templates.append(template_name)


def templates_for(slot):
    return list(_slots.get(slot, ()))
