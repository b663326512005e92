"""Tiny string case helpers."""

__version__ = "1.0.0"


def title(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:].lower() for word in text.split())


def snake(text: str) -> str:
    return "_".join(word.lower() for word in text.split())
