"""How the desk counts and names things in Arabic.

Django builds «12 المقالات» and «أضف القسم آخر» by pasting a number or a
verbose name into one phrase. Arabic needs a phrase per noun: the counted noun
changes number and case with the count (مقالان، 3 مقالات، 12 مقالًا، 100 مقال),
and an indefinite noun takes tanwin (قسمًا آخر). These are those phrases for
every model an editor, writer or moderator meets; a model without one gets a
neutral «الاسم: العدد» rather than a wrong agreement.
"""

from django.utils.translation import gettext, ngettext

COUNTS = {
    "articles.article": lambda n: ngettext("%(count)d article", "%(count)d articles", n),
    "articles.category": lambda n: ngettext("%(count)d section", "%(count)d sections", n),
    "articles.author": lambda n: ngettext("%(count)d author", "%(count)d authors", n),
    "articles.correction": lambda n: ngettext("%(count)d correction", "%(count)d corrections", n),
    "images.image": lambda n: ngettext("%(count)d image", "%(count)d images", n),
    "taggit.tag": lambda n: ngettext("%(count)d tag", "%(count)d tags", n),
    "auth.user": lambda n: ngettext("%(count)d user", "%(count)d users", n),
    "auth.group": lambda n: ngettext("%(count)d group", "%(count)d groups", n),
    "comments.comment": lambda n: ngettext("%(count)d comment", "%(count)d comments", n),
    "comments.blockedword": lambda n: ngettext(
        "%(count)d blocked word", "%(count)d blocked words", n
    ),
}

# The "+" beside a choice of a related object, by the related model's name.
ADD_ANOTHER = {
    "category": lambda: gettext("Add another section"),
    "author": lambda: gettext("Add another author"),
    "image": lambda: gettext("Add another image"),
    "tag": lambda: gettext("Add another tag"),
    "user": lambda: gettext("Add another user"),
    "group": lambda: gettext("Add another group"),
}


def count_of(opts, count):
    """«12 مقالًا»: count objects of the model whose _meta is opts."""
    phrase = COUNTS.get(opts.label_lower)
    if phrase is None:
        return f"{opts.verbose_name_plural}: {count}"
    return phrase(count) % {"count": count}


def count_of_versions(count):
    return ngettext("%(count)d version", "%(count)d versions", count) % {"count": count}


def add_another(model_name, verbose_name):
    """«أضف قسمًا آخر», or Django's neutral phrase for a model we have no words for."""
    phrase = ADD_ANOTHER.get(model_name)
    if phrase is None:
        return gettext("Add another %(verbose_name)s") % {"verbose_name": verbose_name}
    return phrase()
