"""Opening a database: URL resolution, engine set-up per dialect, schema check
and migration (in one transaction), and the not-ours / newer / read-only errors."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from . import migrations
from .errors import StoreError, StoreMessages as M

SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_LOCK = 0x74616279  # advisory lock id: one migrator at a time


def default_path() -> Path:
    """``tabayyun.db`` in the user data dir (``~/.local/share/tabayyun`` on Linux);
    ``TABAYYUN_DB`` overrides it."""
    env = os.environ.get("TABAYYUN_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("tabayyun", appauthor=False)) / "tabayyun.db"


def resolve(url) -> tuple[str, Path | None]:
    """(SQLAlchemy URL, SQLite path or None)."""
    if url is None:
        url = default_path()
    s = str(url)
    if s.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + s.split("://", 1)[1], None
    if "://" in s:
        if s.startswith("sqlite"):
            u = make_url(s)
            return s, Path(u.database) if u.database and u.database != ":memory:" else None
        return s, None
    return "", Path(s).expanduser()


def _sqlite_engine(path: Path, read_only: bool) -> Engine:
    if path.exists() and path.is_file() and path.stat().st_size > 0:
        with open(path, "rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                raise StoreError(M.NOT_SQLITE.format(path=path))
    elif path.is_dir():
        raise StoreError(M.NOT_SQLITE.format(path=path))
    if read_only:
        if not path.exists():
            raise StoreError(M.MISSING.format(path=path))
        url = f"sqlite:///file:{path.resolve()}?mode=ro&uri=true"
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _rec):
        # we issue BEGIN ourselves so DDL is transactional too (pysqlite would
        # otherwise autocommit CREATE TABLE): a failed migration leaves nothing
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")  # readers (the web app) never wait for a writer
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    return engine


def _pg_engine(url: str, read_only: bool) -> Engine:
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError, ImportError) as exc:
        raise StoreError(M.NO_DRIVER.format(detail=exc)) from None
    if read_only:
        @event.listens_for(engine, "connect")
        def _ro(dbapi_conn, _rec):
            with dbapi_conn.cursor() as cur:
                cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_conn.commit()

    return engine


def connect(url, read_only: bool) -> tuple[Engine, str]:
    """An engine on a database at the latest schema; returns (engine, display url)."""
    sa_url, path = resolve(url)
    try:
        if not sa_url:
            engine, shown = _sqlite_engine(path, read_only), str(path)
        elif sa_url.startswith("postgresql"):
            engine, shown = _pg_engine(sa_url, read_only), make_url(sa_url).render_as_string(hide_password=True)
        elif sa_url.startswith("sqlite"):
            engine, shown = (_sqlite_engine(path, read_only) if path else create_engine(sa_url)), sa_url
        else:
            # the schema and search are written for SQLite and PostgreSQL only
            raise StoreError(M.UNSUPPORTED.format(url=make_url(sa_url).render_as_string(hide_password=True)))
    except ArgumentError as exc:
        raise StoreError(M.UNREACHABLE.format(url=url, detail=exc)) from None
    try:
        _check_and_migrate(engine, shown, read_only)
    except StoreError:
        engine.dispose()
        raise
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        detail = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
        if "not a database" in detail or "file is encrypted" in detail:
            raise StoreError(M.NOT_SQLITE.format(path=shown)) from None
        raise StoreError(M.UNREACHABLE.format(url=shown, detail=detail.strip())) from None
    return engine, shown


def _check_and_migrate(engine: Engine, shown: str, read_only: bool) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        version = migrations.current_version(conn)
        if version is None:
            tables = ", ".join(migrations.table_names(conn)[:6])
            raise StoreError(M.NOT_OURS.format(url=shown, tables=tables))
        if version > migrations.LATEST:
            raise StoreError(M.NEWER.format(url=shown, found=version, latest=migrations.LATEST))
        if version < migrations.LATEST:
            if read_only:
                names = ", ".join(n for n, _ in migrations.MIGRATIONS[version:])
                raise StoreError(M.READ_ONLY_MIGRATE.format(url=shown, names=names))
            migrations.apply(conn, version)
