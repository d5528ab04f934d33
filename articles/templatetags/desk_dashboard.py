"""`{% load desk_dashboard %}{% desk_dashboard %}`: the panels of the admin's home page."""

from django import template

from .. import dashboard

register = template.Library()


@register.inclusion_tag("admin/desk_dashboard.html", takes_context=True)
def desk_dashboard(context):
    return {"panels": dashboard.panels_for(context["request"].user)}
