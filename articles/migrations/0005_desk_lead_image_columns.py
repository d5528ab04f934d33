# The lead image's old columns go, once 0004_desk_images has copied them into
# the library (a separate migration: PostgreSQL refuses to alter a table with
# row changes still pending in the same transaction).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_desk_images"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="old_lead_image"),
        migrations.RemoveField(model_name="article", name="lead_image_alt"),
        migrations.RemoveField(model_name="article", name="lead_image_caption"),
        migrations.RemoveField(model_name="article", name="lead_image_credit"),
        migrations.RemoveField(model_name="article", name="lead_image_height"),
        migrations.RemoveField(model_name="article", name="lead_image_width"),
        # Old versions in the history keep no lead image: the column changes type.
        migrations.RemoveField(model_name="historicalarticle", name="lead_image"),
        migrations.AddField(
            model_name="historicalarticle",
            name="lead_image",
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="Chosen from the image library; its alt text, caption and credit go with it.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="articles.image", verbose_name="lead image"),
        ),
        migrations.RemoveField(model_name="historicalarticle", name="lead_image_alt"),
        migrations.RemoveField(model_name="historicalarticle", name="lead_image_caption"),
        migrations.RemoveField(model_name="historicalarticle", name="lead_image_credit"),
        migrations.RemoveField(model_name="historicalarticle", name="lead_image_height"),
        migrations.RemoveField(model_name="historicalarticle", name="lead_image_width"),
    ]
