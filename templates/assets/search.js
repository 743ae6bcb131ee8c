// Search over the practices of one language. The data (index.js beside
// the page) is loaded by a script element, so search works from file://,
// where browsers refuse to fetch a file. Results are built with
// textContent only: nothing in the data is ever read as HTML.
(function () {
  "use strict";
  var data = window.catalogSearch || [];
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) return;

  // fold matches the catalog's own folding: lower case, accents dropped.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function terms(q) {
    return fold(q).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
  }

  function score(entry, ts) {
    var total = 0;
    for (var i = 0; i < ts.length; i++) {
      var t = ts[i];
      if (hasWord(entry.h, t)) total += 10;
      else if (hasWord(entry.w, t)) total += 1;
      else return 0;
    }
    return total;
  }

  // hasWord: some word of the list starts with t.
  function hasWord(words, t) {
    var at = words.indexOf(t);
    while (at >= 0) {
      if (at === 0 || words.charAt(at - 1) === " ") return true;
      at = words.indexOf(t, at + 1);
    }
    return false;
  }

  function show(q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var ts = terms(q);
    if (ts.length === 0) { status.textContent = ""; return; }
    var found = [];
    data.forEach(function (entry, i) {
      var s = score(entry, ts);
      if (s > 0) found.push({ entry: entry, score: s, order: i });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    found.forEach(function (f) {
      var li = document.createElement("li");
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = f.entry.u;
      a.textContent = f.entry.t;
      h.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = f.entry.c;
      var summary = document.createElement("p");
      summary.textContent = f.entry.s;
      li.appendChild(h);
      li.appendChild(meta);
      li.appendChild(summary);
      list.appendChild(li);
    });
    var n = found.length;
    status.textContent = n === 0 ? status.getAttribute("data-none")
      : n === 1 ? status.getAttribute("data-single")
      : status.getAttribute("data-many").replace("%d", n);
  }

  var params = new URLSearchParams(location.search);
  if (params.get("q")) input.value = params.get("q");
  show(input.value);
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 120);
  });
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (err) { /* file:// */ }
  });
})();
