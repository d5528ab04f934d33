"""`{% load admin_words %}`: the desk's counts and phrases (see admin_words) in templates."""

from django import template

from .. import admin_words

register = template.Library()


@register.simple_tag
def result_count(cl):
    return admin_words.count_of(cl.opts, cl.result_count)


@register.simple_tag
def count_versions(count):
    return admin_words.count_of_versions(count)


@register.simple_tag
def add_another(model_name, verbose_name):
    return admin_words.add_another(model_name, verbose_name)
