// tabayyun web: annotations on tap, layer toggles, and jumping from a finding
// to its highlighted source passage. No external code.
(function () {
  "use strict";
  var tip = document.getElementById("tip");

  function showTip(el) {
    if (!tip) return;
    tip.textContent = el.getAttribute("title") || "";
    var ent = el.getAttribute("data-entity");
    if (ent) {
      var a = document.createElement("a");
      a.href = "/entities/" + encodeURIComponent(ent);
      a.textContent = " ← صفحة الكيان";
      tip.appendChild(a);
    }
    tip.hidden = false;
  }

  document.addEventListener("click", function (ev) {
    var ann = ev.target.closest && ev.target.closest(".ann");
    if (ann) { showTip(ann); return; }
    if (tip && !ev.target.closest(".tip")) tip.hidden = true;
  });

  var text = document.getElementById("text");
  document.querySelectorAll("input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (text) text.classList.toggle("off-" + box.getAttribute("data-layer"), !box.checked);
    });
  });

  // a finding's link "#p-<article>-<offset>": open the article, mark the passage
  function reveal(id, passage) {
    var target = document.getElementById(id);
    if (!target) return;
    for (var p = target.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    document.querySelectorAll("mark.hit").forEach(function (m) {
      m.replaceWith(document.createTextNode(m.textContent));
    });
    if (passage) {
      var node = Array.prototype.find.call(target.childNodes, function (n) {
        return n.nodeType === 3 && n.data.indexOf(passage) >= 0;
      });
      if (node) {
        var at = node.data.indexOf(passage);
        var range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + passage.length);
        var mark = document.createElement("mark");
        mark.className = "hit";
        range.surroundContents(mark);
      }
    }
    target.scrollIntoView({ block: "center" });
  }

  document.querySelectorAll('a[href^="#p-"]').forEach(function (a) {
    a.addEventListener("click", function () {
      // the quoted passage: its <mark>, or a citation's title (truncated with "...")
      var m = a.querySelector("mark");
      var passage = m ? m.textContent : (a.classList.contains("cite") ? a.getAttribute("title") || "" : a.textContent);
      reveal(a.getAttribute("href").slice(1), passage.replace(/(\.\.\.|…)$/, "").trim());
    });
  });
  if (location.hash.indexOf("#p-") === 0) reveal(location.hash.slice(1), null);

  // the report's entity rows link to the entity pages
  document.querySelectorAll('tr[id^="ent-"]').forEach(function (tr) {
    var b = tr.querySelector("td b");
    if (!b) return;
    var a = document.createElement("a");
    a.href = "/entities/" + encodeURIComponent(tr.id.slice(4));
    b.parentNode.insertBefore(a, b);
    a.appendChild(b);
  });
})();
