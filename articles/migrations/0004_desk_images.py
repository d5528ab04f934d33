# The image library. The lead image of an article, until now a file with its
# own caption, alt text and credit, becomes a reference to a library Image;
# existing lead images are copied into the library (cleaned of metadata and
# cut into renditions on the way) before the old columns go.

import logging

import django.db.models.deletion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import migrations, models

logger = logging.getLogger(__name__)

# Writers upload images; editors do everything with them.
WRITERS = ["add_image", "change_image", "view_image"]
EDITORS = ["add_image", "change_image", "delete_image", "view_image"]


def copy_lead_images(apps, schema_editor):
    # Imported here, not at the top: the cleaning is the same code uploads go
    # through. Should it ever change incompatibly, squash this migration.
    from articles.images import redevelop_stored

    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("articles", "Image")
    for article in Article.objects.exclude(old_lead_image="").iterator():
        image = Image(
            file=article.old_lead_image.name,
            width=article.lead_image_width,
            height=article.lead_image_height,
            alt_text=article.lead_image_alt,
            caption=article.lead_image_caption,
            credit=article.lead_image_credit,
        )
        try:
            image.file.name, image.width, image.height, image.renditions = redevelop_stored(
                default_storage, article.old_lead_image.name
            )
        except (OSError, ValidationError) as problem:
            # A missing or unreadable file: keep the reference, readers get the file as is.
            logger.warning("Lead image of article %s kept as is: %s", article.pk, problem)
        image.save()
        article.lead_image = image
        article.save(update_fields=["lead_image"])


def grant_image_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="articles", model="image")
    for group_name, codenames in [("Writers", WRITERS), ("Editors", EDITORS)]:
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.split('_')[0]} image"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_desk_publishing"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Image",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("file", models.ImageField(upload_to="images/%Y/%m/", verbose_name="image file")),
                ("width", models.PositiveIntegerField(editable=False, null=True, verbose_name="width")),
                ("height", models.PositiveIntegerField(editable=False, null=True, verbose_name="height")),
                ("alt_text", models.CharField(blank=True, help_text="What the image shows, for readers who cannot see it. Required before an article with this lead image is published.", max_length=300, verbose_name="alt text")),
                ("caption", models.CharField(blank=True, max_length=300, verbose_name="caption")),
                ("credit", models.CharField(blank=True, help_text="The photographer or agency.", max_length=150, verbose_name="credit")),
                ("renditions", models.JSONField(default=list, editable=False, verbose_name="renditions")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded")),
                ("uploaded_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="uploaded by")),
            ],
            options={
                "verbose_name": "image",
                "verbose_name_plural": "images",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.RenameField(model_name="article", old_name="lead_image", new_name="old_lead_image"),
        migrations.AddField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(blank=True, help_text="Chosen from the image library; its alt text, caption and credit go with it.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="articles.image", verbose_name="lead image"),
        ),
        migrations.RunPython(copy_lead_images, migrations.RunPython.noop),
        migrations.RunPython(grant_image_permissions, migrations.RunPython.noop),
    ]
