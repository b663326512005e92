"""URL slugs."""

import re

from tinycase import snake

__version__ = "0.3.0"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", snake(text)).strip("-")
