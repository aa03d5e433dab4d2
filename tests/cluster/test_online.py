"""Online behaviour: incremental = batch, seeding from a store, new stories, bad input."""

from tabayyun.compare.cluster import StoryClusterer, cluster, cluster_features, story_id_for
from tabayyun.extract import default_stages
from tabayyun.ingest.build import make_article
from tabayyun.model import Article


def _analysed(text: str) -> Article:
    a = make_article(text)
    for st in default_stages():
        a = st(a)
    return a


def test_incremental_equals_batch(gold_items):
    feats = [f for _, f in gold_items]
    c = StoryClusterer()
    online = {}
    for f in feats:
        online[f.id] = c.add_features(f)
    assert online == cluster_features(feats)
    assert sum(len(v) for v in c.stories().values()) == len(feats)


def test_seeding_then_adding_equals_one_run(gold_items):
    """A store reloads what it assigned, then adds the next batch: same result."""
    feats = [f for _, f in gold_items]
    whole = cluster_features(feats)
    half = len(feats) // 2
    c = StoryClusterer()
    for f in feats[:half]:
        c.seed_features(f, whole[f.id])
    rest = {f.id: c.add_features(f) for f in feats[half:]}
    assert rest == {f.id: whole[f.id] for f in feats[half:]}


def test_unrelated_article_opens_a_new_story(gold_items):
    c = StoryClusterer()
    for _, f in gold_items:
        c.add_features(f)
    before = len(c.stories())
    a = _analysed("أعلنت هيئة الأرصاد الجوية في موريشيوس تحذيرا من إعصار استوائي يقترب من الجزيرة، "
                  "ودعت الصيادين إلى عدم الإبحار حتى نهاية الأسبوع.\n"
                  "وقالت الهيئة إن سرعة الرياح قد تبلغ 150 كيلومترا في الساعة.")
    assert c.add(a) == story_id_for(a.id)
    assert len(c.stories()) == before + 1


def test_same_story_article_joins(gold_items, gold):
    stories, _ = gold
    c = StoryClusterer()
    for _, f in gold_items:
        c.add_features(f)
    a = _analysed("ارتفعت حصيلة حرائق الغابات في ولاية بجاية الجزائرية، وقالت الحماية المدنية إن فرق الإطفاء "
                  "ما زالت تكافح النيران في البويرة وتيزي وزو وسط رياح قوية.\n"
                  "وأعلنت السلطات الجزائرية توقيف مشتبه بهم في إضرام الحرائق عمدا.")
    sid = c.add(a)
    members = {e for e, f in gold_items if c.story_of(f.id) == sid}
    assert members and {stories[e] for e in members} == {"algeria-fires"}


def test_wire_copy_lists_every_outlet():
    text = ("الرباط (رويترز) - أعلنت الحكومة المغربية إطلاق برنامج لإعادة إعمار القرى التي ضربها زلزال الحوز، "
            "بكلفة 120 مليار درهم على خمس سنوات.\nوقال رئيس الحكومة عزيز أخنوش إن البرنامج يشمل 50 ألف مسكن.")
    a = _analysed(text)
    b = _analysed(text + "\nوكان الزلزال قد أودى بحياة نحو ثلاثة آلاف شخص.")
    from dataclasses import replace

    a = replace(a, meta=replace(a.meta, outlet="هسبريس"))
    b = replace(b, meta=replace(b.meta, outlet="الشرق الأوسط"))
    c = StoryClusterer()
    sid = c.add(a)
    assert c.add(b) == sid
    assert c.outlets(sid) == ["هسبريس", "الشرق الأوسط"]


def test_empty_input_and_one_article():
    assert cluster([]) == {}
    a = _analysed("قال وزير المالية إن الموازنة الجديدة ستقدم إلى البرلمان الأسبوع المقبل.")
    assert cluster([a]) == {a.id: story_id_for(a.id)}


def test_articles_without_entities_dates_or_words():
    empty = Article(id="e1", text="")
    digits = Article(id="e2", text="12 34 56")
    plain = _analysed("المطر غزير والطرق مغلقة والناس في البيوت.")
    assert not plain.entities or all(m.entity_id is None for m in plain.entities)
    got = cluster([empty, digits, plain])
    assert got == {"e1": story_id_for("e1"), "e2": story_id_for("e2"), plain.id: story_id_for(plain.id)}
