"""Draws that keep the scaled demo deterministic: the same seed makes the same rows on
SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime
import random


def spread(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder, deterministic)."""
    weight_sum = sum(weights) or 1
    exact = [total * w / weight_sum for w in weights]
    shares = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[: total - sum(shares)]:
        shares[index] += 1
    return shares


def random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A day from `first` to `last`, both included (`first` when `last` is earlier)."""
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def by_code(rows, attribute: str = "code") -> list:
    """Sorted in Python: the database's collation must not change what the seed makes."""
    return sorted(rows, key=lambda row: getattr(row, attribute))
