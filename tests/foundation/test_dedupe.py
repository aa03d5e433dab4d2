import tabayyun

WIRE = (
    "قالت أذربيجان اليوم الأربعاء إن عمليتها العسكرية في ناجورنو كاراباخ مستمرة بنجاح بعد أن دعتها "
    "الولايات المتحدة إلى وقف الأعمال القتالية، وحثت موسكو الجانبين على وقف إراقة الدماء في المنطقة "
    "المتنازع عليها. وقالت وزارة الدفاع الأذربيجانية في بيان على منصة تيليغرام إن الإجراءات العسكرية "
    "تستمر بنجاح مع تدمير الأسلحة والمعدات العسكرية. وأجرى وزير الخارجية الأمريكي أنتوني بلينكن مكالمات "
    "هاتفية مع الرئيس الأذربيجاني إلهام علييف ورئيس وزراء أرمينيا نيكول باشينيان."
)
OTHER = (
    "أعلنت وزارة الطوارئ الأذربيجانية إرسال مساعدات إنسانية لتلبية احتياجات الأرمن في منطقة قره باغ، "
    "وتضمنت المساعدات 40 طناً من المواد الغذائية والمنظفات محملة بأربع شاحنات، وفق الأناضول. وقال "
    "مستشار الرئيس إن بلاده تريد إعادة الدمج السلمي للأرمن."
)


def test_wire_copy_with_small_edits_is_a_near_duplicate():
    copy = "موسكو (رويترز) - " + WIRE.replace("اليوم الأربعاء", "الأربعاء") + " حسب رويترز."
    d = tabayyun.analyse([WIRE, copy, OTHER])
    dup = {s.label: s.duplicate_of for s in d.sources}
    first = d.sources[0].article
    assert list(dup.values()) == [None, first, None]


def test_different_articles_are_not_duplicates():
    d = tabayyun.analyse([WIRE, OTHER])
    assert all(s.duplicate_of is None for s in d.sources)


def test_dedupe_is_reproducible():
    a = tabayyun.analyse([WIRE, WIRE + " وأضاف البيان أن الوضع هادئ.", OTHER])
    b = tabayyun.analyse([WIRE, WIRE + " وأضاف البيان أن الوضع هادئ.", OTHER])
    assert [s.duplicate_of for s in a.sources] == [s.duplicate_of for s in b.sources]
