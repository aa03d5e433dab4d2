"""Framing counts per outlet, not per article: two articles of one outlet are one
row of the matrix and one set of distinguishing terms."""

import tabayyun
from tabayyun.compare.framing import framing_matrix
from tabayyun.ingest.readers import read_text
from tabayyun.model import Meta

A = ("قالت وزارة الدفاع إن القوات نفذت عملية لمكافحة الإرهاب في الإقليم، وإن الإرهابيين فروا من القرى. "
     "وأضافت أن عملية مكافحة الإرهاب مستمرة حتى تحرير كل القرى من الإرهابيين.")
B = ("وصف المراسل ما جرى بأنه عدوان على الإقليم المحتل، وقال إن العدوان دمر القرى. "
     "ويقول السكان إن العدوان مستمر وإن الاحتلال يمنع وصول المساعدات إلى القرى المحتلة.")


def _article(text, outlet, n):
    return read_text(text, Meta(source=f"{outlet}-{n}.txt", outlet=outlet, outlet_how="metadata"))


def test_articles_of_one_outlet_count_together():
    arts = [_article(A, "outlet-one", 1), _article(A.replace("القرى", "البلدات"), "outlet-one", 2),
            _article(B, "outlet-two", 1), _article(B.replace("القرى", "البلدات"), "outlet-two", 2)]
    d = tabayyun.analyse(arts)
    assert {u.outlet for u in d.framing} <= {"outlet-one", "outlet-two"}
    outlets, _, _ = framing_matrix(d)
    assert outlets == ["outlet-one", "outlet-two"]
    assert {t.outlet for t in d.outlet_terms} <= {"outlet-one", "outlet-two"}
    # evidence still names the article it points into
    labels = {s.article: s.label for s in d.sources}
    for u in d.framing:
        for ev in u.evidence:
            assert ev.outlet == labels[ev.article]
