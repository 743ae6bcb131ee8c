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
  // The links to the other languages' search carry the query too.
  var others = Array.prototype.slice.call(document.querySelectorAll("nav.languages a[hreflang]"));
  others.forEach(function (a) { a.setAttribute("data-href", a.getAttribute("href")); });

  // fold matches the catalog's own folding: lower case, accents (the
  // nonspacing marks of NFD) dropped, and invisible format characters (a
  // soft hyphen pasted inside a word) dropped too.
  function fold(s) {
    return s.normalize("NFD").replace(/[\p{Mn}\p{Cf}]/gu, "").toLowerCase();
  }

  function terms(q) {
    // Letters and decimal digits, as the data's words are (Go's IsLetter
    // and IsDigit): "m²" is the word "m", not "m²", which no word is.
    return fold(q).split(/[^\p{L}\p{Nd}]+/u).filter(function (t) { return t.length > 0; });
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
    // The first ones at once; the rest when asked: on a phone, a catalog
    // of thousands made a list of thousands at every key.
    var first = found.length > limit + limit / 2 ? found.slice(0, limit) : found;
    render(first);
    if (first.length < found.length) {
      var li = document.createElement("li");
      li.className = "more";
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = status.getAttribute("data-more").replace("%d", found.length);
      button.addEventListener("click", function () {
        list.removeChild(li);
        var next = list.querySelectorAll("li a").length;
        render(found.slice(next));
        var a = list.querySelectorAll("li a")[next];
        if (a) a.focus();
      });
      li.appendChild(button);
      list.appendChild(li);
    }
    var n = found.length;
    status.textContent = n === 0 ? status.getAttribute("data-none")
      : n === 1 ? status.getAttribute("data-single")
      : status.getAttribute("data-many").replace("%d", n);
  }

  var limit = 100;

  function render(found) {
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
      if (f.entry.l) { a.lang = f.entry.l; summary.lang = f.entry.l; } // not yet translated
      li.appendChild(h);
      li.appendChild(meta);
      li.appendChild(summary);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(location.search);
  if (params.get("q")) input.value = params.get("q");
  show(input.value);
  if (input.value) keep();
  // The query is kept in the address as it is typed: a reader who opens
  // a result and comes back finds the search as it was, also from
  // file://, where the browser loads the page again.
  function keep() {
    var query = input.value ? "?q=" + encodeURIComponent(input.value) : "";
    others.forEach(function (a) { a.setAttribute("href", a.getAttribute("data-href") + query); });
    try {
      history.replaceState(null, "", query || location.pathname);
    } catch (err) { /* some browsers refuse it from file:// */ }
  }
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); keep(); }, 120);
  });
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
    keep();
  });
})();
