"""tabayyun (تبيّن): many Arabic news articles in, one source-attributed dossier out."""

from .model import SCHEMA_VERSION

__version__ = "0.1.0"
__all__ = ["analyse", "SCHEMA_VERSION", "__version__"]


def analyse(inputs, settings=None, pipeline=None):
    """Analyse paths, texts or Articles and return a Dossier (see api.analyse)."""
    from .api import analyse as _analyse

    return _analyse(inputs, settings=settings, pipeline=pipeline)
