"""The store: articles, layers, stories and dossiers in SQLite (default) or
PostgreSQL, with Arabic-aware full-text search. See ``Store``."""

from .errors import StoreError
from .store import Store
from .views import AddResult, EntityView, Hit, OutletRow, OutletView, Page, StoryRow

__all__ = ["Store", "StoreError", "AddResult", "EntityView", "Hit", "OutletRow", "OutletView",
           "Page", "StoryRow"]
