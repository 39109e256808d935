"""Free-text search as the app does it everywhere: every word typed, in any order and case."""

from __future__ import annotations


def matches(search_text: str, query: str) -> bool:
    """Every word of the query appears somewhere in `search_text`, which must be casefolded."""
    return all(word in search_text for word in query.casefold().split())
