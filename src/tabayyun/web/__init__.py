"""The web app and JSON API over a store (``tabayyun serve``).

Pages and the API only read the store; uploads write through the same
ingest → analyse path as the CLI (``Store.add``)."""

from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
