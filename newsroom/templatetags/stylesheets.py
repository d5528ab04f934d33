from django import template
from django.utils.safestring import mark_safe

from newsroom.stylesheets import SITE_STYLESHEET, inline_text

register = template.Library()


@register.simple_tag
def inline_stylesheet(path=SITE_STYLESHEET):
    """<style> with the stylesheet's text (see newsroom/stylesheets.py)."""
    return mark_safe(f"<style>{inline_text(path)}</style>")
