#!/usr/bin/env python3
"""Regenerate the Taper Journal icon set (run from anywhere: python3 make_icons.py).

Mark: a rounded square with a deep-blue -> teal gradient, a light four-step
staircase descending left-to-right (a gentle taper), and a soft light dot
("dawn") in the open top-right corner. Drawn at 1024px, downscaled with LANCZOS.
Requires Pillow (pip install pillow).
"""
from pathlib import Path
from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent
S = 1024                                   # master canvas size
DEEP, TEAL = (14, 52, 84), (32, 138, 140)  # gradient top / bottom
LIGHT = (234, 246, 242)                    # staircase + dot


def master() -> Image.Image:
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))

    # Vertical gradient, clipped to a rounded-square mask.
    grad = Image.new("RGBA", (S, S))
    gd = ImageDraw.Draw(grad)
    for y in range(S):
        t = y / (S - 1)
        gd.line([(0, y), (S, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(DEEP, TEAL)) + (255,))
    mask = Image.new("L", (S, S), 0)
    m = 40                                 # outer margin
    ImageDraw.Draw(mask).rounded_rectangle([m, m, S - m, S - m], radius=220, fill=255)
    img.paste(grad, (0, 0), mask)

    d = ImageDraw.Draw(img)
    # Staircase: 4 steps. Step i is a rounded rect from the shared left edge/base to the
    # right end of column i, so their union reads as one descending staircase.
    # Coordinates are multiples of 32 so step edges land on whole pixels at 32x32.
    x0, x1, base = 192, 832, 800
    steps, top, drop = 4, 256, 128         # first step top, height lost per step
    w = (x1 - x0) / steps
    for i in range(steps):
        d.rounded_rectangle([x0, top + i * drop, x0 + (i + 1) * w, base], radius=40, fill=LIGHT + (255,))

    # Soft glow + dot in the empty top-right corner.
    glow = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    cx, cy, r = 740, 290, 62
    ImageDraw.Draw(glow).ellipse([cx - r * 1.9, cy - r * 1.9, cx + r * 1.9, cy + r * 1.9], fill=LIGHT + (70,))
    glow = glow.filter(ImageFilter.GaussianBlur(40))
    glow.putalpha(Image.composite(glow.getchannel("A"), Image.new("L", (S, S), 0), mask))
    img = Image.alpha_composite(img, glow)
    ImageDraw.Draw(img).ellipse([cx - r, cy - r, cx + r, cy + r], fill=LIGHT + (255,))
    return img


def main() -> None:
    big = master()
    size = lambda n: big.resize((n, n), Image.LANCZOS)
    for name, n in {"32x32.png": 32, "128x128.png": 128, "128x128@2x.png": 256, "icon.png": 512}.items():
        size(n).save(OUT / name)           # RGBA, 8-bit (color type 6)
    # Linux: one PNG per hicolor size (usr/share/icons/hicolor/NxN/apps), named by size
    # so that the bundler files each under its own size (tauri.linux.conf.json lists them).
    for n in (16, 24, 48, 64, 256, 512):
        size(n).save(OUT / "hicolor" / f"{n}x{n}.png")
    ico = [16, 24, 32, 48, 64, 256]
    size(256).save(OUT / "icon.ico", sizes=[(n, n) for n in ico])
    big.save(OUT / "icon.icns")            # Pillow embeds the standard icns sizes from the 1024 master


if __name__ == "__main__":
    main()
