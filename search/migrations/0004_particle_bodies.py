# Every word is now also indexed under its body after each particle it may
# begin with (arabic.particle_bodies: «ومدرسة» → «ـــمدرسة»), and queries ask for
# those tokens instead of a term per particle. Documents built before lack
# them, so applying this migration asks for every document's rebuild: the
# search app's post_migrate handler (search.apps) enqueues it for the task
# worker (migrations import none of our code). Until it has run, a word written
# with a particle is missed in the documents not rebuilt yet.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_document_visibility"),
    ]

    operations = []
