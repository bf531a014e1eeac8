"""Bulk inserts for the scaled demo.

Bulk rows skip django-simple-history on purpose: the audit history records who changed a
record and why; a generated row has no author and no reason, and writing a history row for
each of ~1.7 million rows would double the run time and the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

BATCH_SIZE = 5_000


def insert(model, objects: list) -> list:
    """Bulk insert without history; the objects come back with their primary keys."""
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """`items` in lists of `size`, so a generator of rows can be inserted a chunk at a time."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
