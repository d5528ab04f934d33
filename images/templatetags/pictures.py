"""`{% picture %}`: a library image as <picture>, with srcset, sizes, width and height."""

from django import template

register = template.Library()


@register.inclusion_tag("images/picture.html")
def picture(image, sizes="100vw", max_width=None, eager=False, alt=None, crop=None):
    """Render a library Image responsively.

    sizes: how wide the image is shown (the `sizes` attribute).
    max_width: the widest rendition offered, so listings fetch small files.
    eager: above the fold (no lazy loading, fetched first).
    alt: overrides the image's alt text ("" for a decorative image).
    crop: a shape of images.processing.CROPS ("card", "share"), cut around the focal point.
    """
    sized = image.sized(max_width, crop)
    fallback = sized[-1] if sized else None
    storage = image.file.storage
    return {
        "image": image,
        "width": fallback["width"] if fallback and crop else image.width,
        "height": fallback["height"] if fallback and crop else image.height,
        "sizes": sizes,
        "eager": eager,
        "alt": image.alt_text if alt is None else alt,
        "webp_srcset": image.srcset("webp", max_width, crop) if sized else "",
        "jpeg_srcset": image.srcset("jpeg", max_width, crop) if sized else "",
        "src": storage.url(fallback["jpeg"]) if fallback else image.url,
    }
