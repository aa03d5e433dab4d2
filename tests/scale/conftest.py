"""A small mixed day: the five seed articles, three reports of another story
(written for these tests), an exact duplicate and broken lines."""

import json
from pathlib import Path

import pytest

from tabayyun.cli import example_dir

DERNA = [
    "طرابلس (رويترز) - قال مسؤولون في شرق ليبيا اليوم الأربعاء إن عدد القتلى جراء الفيضانات التي ضربت مدينة درنة "
    "تجاوز 5300 شخص، فيما لا يزال الآلاف في عداد المفقودين بعد انهيار سدين على وادي درنة. "
    "وقال وزير الصحة في الحكومة المكلفة من البرلمان عثمان عبد الجليل إن فرق الإنقاذ انتشلت مئات الجثث من البحر.",
    "أعلن الهلال الأحمر الليبي أن أكثر من عشرة آلاف شخص ما زالوا مفقودين في مدينة درنة بعد العاصفة دانيال. "
    "وقال المتحدث باسم الهلال الأحمر توفيق الشكري إن الوضع كارثي وإن المدينة تحتاج إلى مساعدات عاجلة. "
    "ووصلت فرق إغاثة من مصر وتركيا والإمارات إلى شرق ليبيا.",
    "ارتفعت حصيلة ضحايا الفيضانات في درنة بشرق ليبيا إلى أكثر من ستة آلاف قتيل، بحسب ما أعلنت السلطات المحلية. "
    "وقالت الأمم المتحدة إن نحو 30 ألف شخص نزحوا من المدينة بعد انهيار السدين. "
    "ودعا المبعوث الأممي عبد الله باتيلي إلى توحيد جهود الإغاثة بين الحكومتين المتنافستين.",
]


@pytest.fixture(scope="session")
def day(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("day")
    seeds = sorted(example_dir().glob("*.txt"))
    lines = [json.dumps({"id": f"seed-{i}", "text": p.read_text("utf-8")}, ensure_ascii=False)
             for i, p in enumerate(seeds)]
    lines.insert(2, "{this is not json")
    lines += [json.dumps({"id": f"derna-{i}", "text": t, "outlet": o}, ensure_ascii=False)
              for i, (t, o) in enumerate(zip(DERNA, ["رويترز", "الجزيرة", "العربية"]))]
    lines.append(lines[0].replace('"seed-0"', '"seed-0-again"'))  # same body again
    lines.append(json.dumps({"id": "empty", "text": "   "}))
    (folder / "day.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "day.jsonl"
