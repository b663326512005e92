"""Greetings built on tinycase."""

from tinycase import title

__version__ = "1.0.0"


def greet(name: str) -> str:
    return f"Hello, {title(name)}!"
