from django.core.management.base import BaseCommand

from images.models import Image


class Command(BaseCommand):
    help = (
        "Cut every library image's renditions again from its stored file, "
        "after IMAGE_RENDITION_WIDTHS changes. Old rendition files are deleted."
    )

    def handle(self, *args, **options):
        done = failed = 0
        for image in Image.objects.iterator(chunk_size=200):
            try:
                image.rebuild_renditions()
                done += 1
            except Exception as error:  # one unreadable file must not stop the others
                failed += 1
                self.stderr.write(f"image {image.pk} ({image.file.name}): {error}")
        self.stdout.write(f"{done} images rebuilt, {failed} failed.")
