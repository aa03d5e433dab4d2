"""Store errors: one class, clear messages as named constants."""

from __future__ import annotations

from ..errors import TabayyunError


class StoreError(TabayyunError):
    """The database cannot be used as asked (not ours, newer schema, read-only …)."""


class StoreMessages:
    NOT_SQLITE = "{path} is not a tabayyun database (not an SQLite file)"
    NOT_OURS = ("{url} is not a tabayyun database (it has tables {tables} but no tabayyun "
                "metadata); give a new file or an empty database")
    NEWER = ("{url} has schema version {found}, newer than this tabayyun ({latest}); "
             "upgrade tabayyun to use it")
    READ_ONLY = "the store is open read-only: cannot {action}"
    READ_ONLY_MIGRATE = ("{url} needs schema migrations {names}, which cannot run in read-only "
                         "mode; open it once without read-only")
    MISSING = "no such database file: {path} (read-only mode does not create one)"
    NO_DRIVER = "PostgreSQL needs the 'postgres' extra: pip install 'tabayyun[postgres]' ({detail})"
    UNREACHABLE = "cannot open database {url}: {detail}"
    NO_STORY = "no such story: {story}"
    UNSUPPORTED = "unsupported database {url}: give a SQLite file path or a postgresql://… URL"
