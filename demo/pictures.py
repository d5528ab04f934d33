"""Pictures for the demo, drawn with Pillow: a gradient sky over a skyline."""

import io
import random

from PIL import Image, ImageDraw


def render_picture(size, palette, seed):
    """A JPEG of a gradient sky over a simple skyline, in the section's colours."""
    width, height = size
    top, bottom = palette
    rng = random.Random(seed)

    mask = Image.linear_gradient("L").resize(size)
    picture = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)
    picture = picture.convert("RGBA")

    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(6):
        radius = rng.randint(height // 10, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height // 2)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 28))
    radius = height // 9
    x, y = rng.randint(width // 5, width * 4 // 5), rng.randint(height // 6, height // 3)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 244, 214, 190))

    shade = tuple(channel // 3 for channel in top)
    horizon = height * 7 // 10
    x = 0
    while x < width:
        block = rng.randint(width // 30, width // 11)
        draw.rectangle(
            (x, horizon - rng.randint(height // 14, height // 3), x + block, horizon),
            fill=(*shade, 215),
        )
        x += block + rng.randint(0, width // 80)
    draw.rectangle((0, horizon, width, height), fill=(*shade, 235))
    for step in range(1, 6):
        y = horizon + step * (height - horizon) // 6
        start = rng.randint(0, width // 3)
        draw.line(
            (start, y, start + rng.randint(width // 4, width // 2), y), (255, 255, 255, 40), 3
        )

    output = io.BytesIO()
    Image.alpha_composite(picture, overlay).convert("RGB").save(output, "JPEG", quality=85)
    return output.getvalue()


def render_portrait(palette, seed, size=256):
    """A JPEG headshot placeholder: a head and shoulders silhouette on the section's colours."""
    top, bottom = palette
    mask = Image.linear_gradient("L").resize((size, size))
    picture = Image.composite(
        Image.new("RGB", (size, size), bottom), Image.new("RGB", (size, size), top), mask
    )
    draw = ImageDraw.Draw(picture)
    rng = random.Random(seed)
    skin = rng.choice([(233, 200, 170), (198, 150, 110), (160, 112, 80), (120, 84, 60)])
    cloth = tuple(channel // 2 for channel in top)
    draw.ellipse((size * 0.18, size * 0.66, size * 0.82, size * 1.3), fill=cloth)
    draw.ellipse((size * 0.33, size * 0.2, size * 0.67, size * 0.62), fill=skin)
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=85)
    return output.getvalue()
