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

  var stemmer = window.catalogStem;
  var pageLang = document.documentElement.lang;
  var wordRun = /[\p{L}\p{Nd}\p{Mn}\p{Cf}]+/gu;

  // query reads the words of q as the build reads a text's (letters,
  // digits and marks; "m²" is the word "m") into terms. A word the
  // language does not stem apart (a stop word: "de", "the") counts only
  // when the query has nothing else.
  function query(q) {
    var ws = q.match(wordRun) || [];
    var lang = pageLang;
    var real = ws.filter(function (w) { return !stemmer.stop(lang, w) && stemmer.fold(w) !== ""; });
    if (real.length === 0) real = ws.filter(function (w) { return stemmer.fold(w) !== ""; });
    var seen = {};
    var terms = [];
    real.forEach(function (w) {
      var key = stemmer.fold(w);
      if (!seen[key]) { seen[key] = true; terms.push({ word: w, by: {} }); }
    });
    return terms;
  }

  // stemsOf gives the term's stems in lang (an entry not yet translated
  // is stemmed in its own language), with whether to match them as
  // prefixes: a stem no practice has is a word being typed ("alber").
  function stemsOf(term, lang) {
    var s = term.by[lang];
    if (!s) {
      var list = [];
      forms(lang, term.word).forEach(function (w) {
        stemmer.stems(lang, w).forEach(function (t) {
          if (t !== "" && list.indexOf(t) < 0) list.push(t);
        });
      });
      s = term.by[lang] = { list: list, prefix: false };
      s.prefix = !data.some(function (e) {
        if ((e.l || pageLang) !== lang) return false;
        return s.list.some(function (t) { return find(e.h, t, false) >= 0 || find(e.w, t, false) >= 0; });
      });
    }
    return s;
  }

  // forms are the forms of a query word to look for: in Spanish, with its
  // plural or singular too, which the Snowball stemmer does not always
  // bring together (mujer "muj", mujeres "mujer"; línea "line", líneas
  // "lin").
  function forms(lang, w) {
    if (lang !== "es") return [w];
    if (/s$/i.test(w)) return /es$/i.test(w) ? [w, w.slice(0, -1), w.slice(0, -2)] : [w, w.slice(0, -1)];
    return [w, w + "s", w + "es"];
  }

  // find: where a stem (or, as a prefix, the start of one) of the list
  // of stems is t; -1 if none.
  function find(words, t, prefix) {
    if (t === "") return -1;
    var at = words.indexOf(t);
    while (at >= 0) {
      var end = at + t.length;
      if ((at === 0 || words.charCodeAt(at - 1) === 32) &&
          (prefix || end === words.length || words.charCodeAt(end) === 32)) return at;
      at = words.indexOf(t, at + 1);
    }
    return -1;
  }

  // Weights of the fields a term is found in: the title, then the
  // summary, then the countries, institutions and themes, then the body.
  var TITLE = 8, SUMMARY = 4, HEAD = 2, BODY = 1;

  function weigh(entry, stems) {
    var best = 0;
    stems.list.forEach(function (t) {
      var h = find(entry.h, t, stems.prefix);
      if (h >= 0) best = Math.max(best, h < entry.m ? TITLE : HEAD);
      var w = find(entry.w, t, stems.prefix);
      if (w >= 0) best = Math.max(best, w < entry.n ? SUMMARY : BODY);
    });
    return best;
  }

  // search ranks the entries that have some of the terms: more terms
  // first, then by the fields they are in.
  function search(terms) {
    var found = [];
    data.forEach(function (entry, i) {
      var lang = entry.l || pageLang;
      var count = 0, score = 0, where = [];
      for (var k = 0; k < terms.length; k++) {
        var wt = weigh(entry, stemsOf(terms[k], lang));
        where.push(wt);
        if (wt > 0) { count++; score += wt; }
      }
      if (count > 0) found.push({ entry: entry, count: count, score: score, where: where, order: i });
    });
    found.sort(function (a, b) { return b.count - a.count || b.score - a.score || a.order - b.order; });
    return found;
  }

  // matcher tells whether a written word is one of the terms, for the
  // marks: a word is stemmed only when its start could be a term's.
  function matcher(terms, lang) {
    var stems = [];
    terms.forEach(function (term) {
      var s = stemsOf(term, lang);
      s.list.forEach(function (t) { stems.push({ t: t, prefix: s.prefix }); });
    });
    var memo = new Map();
    return function (word) {
      var f = stemmer.fold(word);
      var hit = memo.get(f);
      if (hit !== undefined) return hit;
      hit = false;
      var maybe = stems.some(function (s) { return f.charAt(0) === s.t.charAt(0); });
      if (maybe) {
        var ws = stemmer.stems(lang, word);
        hit = stems.some(function (s) {
          return ws.some(function (w) { return w !== "" && (s.prefix ? w.indexOf(s.t) === 0 : w === s.t); });
        });
      }
      memo.set(f, hit);
      return hit;
    };
  }

  // marks finds the words of text that match: [start, end) pairs.
  function marks(text, match) {
    var out = [];
    wordRun.lastIndex = 0;
    var m;
    while ((m = wordRun.exec(text)) !== null) {
      if (match(m[0])) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }

  // SNIPPET is about how many characters of text a result shows around
  // its first match, BEFORE of them before it.
  var SNIPPET = 220, BEFORE = 60;

  // fill writes text[from:to] into el, the matches in <mark>, as text.
  function fill(el, text, ms, from, to) {
    var at = from;
    ms.forEach(function (r) {
      if (r[0] < from || r[1] > to) return;
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      el.appendChild(mark);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  // snippet writes into el the part of text around its first match, cut
  // at spaces, with an ellipsis where it was cut; false if nothing in
  // text matches.
  function snippet(el, text, match, cutStart) {
    var ms = marks(text, match);
    if (ms.length === 0) return false;
    var from = 0, to = text.length;
    if (ms[0][0] > BEFORE || cutStart) {
      from = Math.max(0, ms[0][0] - BEFORE);
      var sp = text.lastIndexOf(" ", from);
      from = from === 0 ? 0 : sp < 0 ? 0 : sp + 1;
    }
    if (to - from > SNIPPET) {
      to = text.indexOf(" ", Math.max(from + SNIPPET, ms[0][1]));
      if (to < 0) to = text.length;
    }
    if (from > 0 || cutStart) el.appendChild(document.createTextNode("… "));
    fill(el, text, ms, from, to);
    if (to < text.length || cutStart) el.appendChild(document.createTextNode(" …"));
    return true;
  }

  var current = [];

  function show(q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    current = query(q);
    if (current.length === 0) { status.textContent = ""; return; }
    var found = search(current);
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

  // render lists results: the title, the countries, and a snippet of the
  // summary, or else of the body's start, around the first match, the
  // matching words marked in both.
  function render(found) {
    var matchers = {};
    found.forEach(function (f) {
      var lang = f.entry.l || pageLang;
      var match = matchers[lang] || (matchers[lang] = matcher(current, lang));
      var li = document.createElement("li");
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = f.entry.u;
      fill(a, f.entry.t, marks(f.entry.t, match), 0, f.entry.t.length);
      h.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = f.entry.c;
      var text = document.createElement("p");
      text.className = "snippet";
      if (!snippet(text, f.entry.s, match, false) && !(f.entry.x && snippet(text, f.entry.x, match, true))) {
        // No match to show: the summary's start, as long as a snippet.
        var s = f.entry.s, to = s.length > SNIPPET + BEFORE ? s.indexOf(" ", SNIPPET) : -1;
        text.textContent = to < 0 ? s : s.slice(0, to) + " …";
      }
      if (f.entry.l) { a.lang = f.entry.l; text.lang = f.entry.l; } // not yet translated
      li.appendChild(h);
      li.appendChild(meta);
      li.appendChild(text);
      // A query word the title and snippet do not show (found further in
      // the body, or in a theme or institution) is named, so the reader
      // sees why the practice was found.
      var shown = Array.prototype.map.call(li.querySelectorAll("mark"), function (m) { return m.textContent; });
      [["data-in-text", function (w) { return w === SUMMARY || w === BODY; }],
        ["data-in-head", function (w) { return w === HEAD; }]].forEach(function (kind) {
        var ws = current.filter(function (t, k) {
          return kind[1](f.where[k]) && !shown.some(function (m) { return matcher([t], lang)(m); });
        });
        if (ws.length === 0) return;
        var p = document.createElement("p");
        p.className = "meta found";
        var format = status.getAttribute(kind[0]).split("%s");
        p.appendChild(document.createTextNode(format[0]));
        ws.forEach(function (t, k) {
          if (k > 0) p.appendChild(document.createTextNode(", "));
          var mark = document.createElement("mark");
          mark.textContent = t.word;
          p.appendChild(mark);
        });
        p.appendChild(document.createTextNode(format.slice(1).join("%s")));
        li.appendChild(p);
      });
      list.appendChild(li);
    });
  }

  // For the browser test: the time of a search and its drawing.
  window.catalogSearchShow = show;

  var params = new URLSearchParams(location.search);
  if (params.get("q")) input.value = params.get("q");
  show(input.value);
  if (input.value) keep();
  // The query is kept in the address as it is typed: a reader who opens
  // a result and comes back finds the search as it was, also from
  // file://, where the browser loads the page again.
  function keep() {
    var qs = input.value ? "?q=" + encodeURIComponent(input.value) : "";
    others.forEach(function (a) { a.setAttribute("href", a.getAttribute("data-href") + qs); });
    try {
      history.replaceState(null, "", qs || location.pathname);
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
