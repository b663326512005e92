"""Drains a (fixed, in-memory) order queue and prints what it would ship."""

from tinymoney import money
from tinyslug import slug

QUEUE = [
    {"id": 101, "customer": "Grace Hopper", "items": [("Cache tee", 2500), ("Layer mug", 1200)]},
    {"id": 102, "customer": "Ken Thompson", "items": [("Layer mug", 1200)]},
]


def main() -> None:
    for order in QUEUE:
        total = sum(price for _, price in order["items"])
        print(f"order {order['id']} for {slug(order['customer'])}: {len(order['items'])} item(s), {money(total)}")
    print(f"drained {len(QUEUE)} orders")


if __name__ == "__main__":
    main()
