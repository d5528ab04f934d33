"""`{% page_slot "name" %}`: what other apps registered for a slot of the page."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from ..page_slots import templates_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_slot(context, name):
    flat = context.flatten()
    request = context.get("request")
    return mark_safe("".join(get_template(t).render(flat, request) for t in templates_for(name)))
