# Every word is now also indexed under its body after each particle it may
# begin with (arabic.particle_bodies: «ومدرسة» → «ـــمدرسة»), and queries ask for
# those tokens instead of a term per particle. Documents built before lack
# them: their rebuild is enqueued here, one task per batch of articles, for the
# task worker (with the immediate backend of development it runs right here).
# Until it has run, a word written with a particle is missed in old documents.

from django.db import migrations


def enqueue_rebuild(apps, schema_editor):
    from search.tasks import enqueue_rebuild

    if apps.get_model("search", "SearchDocument").objects.using(schema_editor.connection.alias).exists():
        enqueue_rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_document_visibility"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(enqueue_rebuild, migrations.RunPython.noop)]
