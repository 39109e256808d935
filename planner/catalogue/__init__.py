"""The built-in catalogue: facts from the two source articles, validated when loaded."""

from planner.catalogue.loader import CatalogueError, load_catalogue
from planner.catalogue.model import Catalogue

__all__ = ["Catalogue", "CatalogueError", "load_catalogue"]
