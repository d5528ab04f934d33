# The newsroom's two desk roles, Writers and Editors (README, "The editor's desk").
# Self-contained: no application code is imported.

from django.db import migrations

# (app_label, model, codename) per role. Writers never get publish_article:
# the admin refuses their attempts to publish or schedule. Writers upload and
# describe their own images; editors do everything with every image.
WRITERS = [
    ("articles", "article", "add_article"),
    ("articles", "article", "change_article"),
    ("articles", "article", "view_article"),
    ("articles", "category", "view_category"),
    ("articles", "author", "view_author"),
    ("images", "image", "add_image"),
    ("images", "image", "change_image"),
    ("images", "image", "view_image"),
]
EDITORS = [
    (app_label, model, f"{action}_{model}")
    for app_label, model in [
        ("articles", "article"),
        ("articles", "category"),
        ("articles", "author"),
        ("taggit", "tag"),
        ("images", "image"),
    ]
    for action in ("add", "change", "delete", "view")
] + [
    ("articles", "article", "publish_article"),
    ("images", "image", "change_any_image"),
]

NAMES = {
    "publish_article": "Can publish and schedule articles",
    "change_any_image": "Can describe every image in the library",
}


def permission(apps, app_label, model, codename):
    """The permission row, created now if post_migrate has not made it yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    name = NAMES.get(codename, f"Can {action} {model}")
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, grants in [("Writers", WRITERS), ("Editors", EDITORS)]:
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(permission(apps, *grant) for grant in grants))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Writers", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("images", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
