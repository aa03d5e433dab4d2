def text_of(dossier, ev):
    """The article text an Evidence span points at."""
    art = next(a for a in dossier.articles if a.id == ev.article)
    return art.text[ev.start : ev.end]
