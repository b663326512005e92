"""Prints an invoice line using the vendored packages."""

from tinygreet import greet
from tinymoney import money

ITEMS = [("coffee beans", 1250), ("oat milk", 299), ("discount", -150)]


def main() -> None:
    print(greet("ada lovelace"))
    for name, cents in ITEMS:
        print(f"{name:<14}{money(cents):>8}")
    print(f"{'total':<14}{money(sum(c for _, c in ITEMS)):>8}")


if __name__ == "__main__":
    main()
