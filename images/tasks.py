"""The image library's background work."""

from django_tasks import task

from newsroom.background import retried

from .models import Image


@task()
@retried
def make_renditions(image_id):
    """Cut an uploaded image's renditions (a deleted image needs none)."""
    image = Image.objects.filter(pk=image_id).first()
    if image is not None:
        image.rebuild_renditions()
