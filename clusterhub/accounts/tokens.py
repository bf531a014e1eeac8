"""Personal API tokens: how one is made, stored and recognised.

A token is `ch_` followed by `secrets.token_urlsafe(32)`; only its sha256 is stored, so a
leaked database does not leak keys. The first characters are kept in clear as the prefix the
owner sees on their token page.
"""

import hashlib
import secrets

TOKEN_MARK = "ch_"
PREFIX_LENGTH = 10


def token_generate() -> str:
    """A new random token, shown to its owner once."""
    return TOKEN_MARK + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_prefix(token: str) -> str:
    """The visible start of a token, by which its owner recognises it."""
    return token[:PREFIX_LENGTH]
