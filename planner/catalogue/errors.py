"""The one error the catalogue raises, importable without loading the catalogue code."""


class CatalogueError(Exception):
    """A catalogue file is missing or malformed; the message names the file and the entry."""
