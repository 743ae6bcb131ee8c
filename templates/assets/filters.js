// Filters of the home page. Without this script they still work: rules
// with CSS :has(), in a <noscript> of the page's head, hide the cards
// that do not match. With it, the script hides them itself: those rules
// made the browser check every card again at each change, 7 to 20 s on a
// phone for a catalog of 10,000, and delayed the page's first load. It
// also counts the cards shown and keeps the choice in the address
// (#country=cr&theme=shelter), so that it can be shared.
(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".cards .card"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = form.querySelector(".shown");

  function read() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") < 0) return;
    selects.forEach(function (s) { s.value = ""; }); // the address holds the whole choice
    hash.split("&").forEach(function (pair) {
      var kv = pair.split("=");
      var select = form.querySelector("#f-" + kv[0].replace(/[^a-z]/g, ""));
      if (select && kv.length === 2) {
        var value;
        try { value = decodeURIComponent(kv[1]); } catch (e) { return; } // a link cut short
        for (var i = 0; i < select.options.length; i++) {
          if (select.options[i].value === value) select.value = value;
        }
      }
    });
  }

  function matches(card) {
    return selects.every(function (s) {
      if (!s.value) return true;
      var dim = s.id.slice(2);
      return (" " + (card.getAttribute("data-" + dim) || "") + " ").indexOf(" " + s.value + " ") >= 0;
    });
  }

  // The links to the other languages' home carry the choice too: its
  // codes are the same in every language.
  var others = Array.prototype.slice.call(document.querySelectorAll("nav.languages a[hreflang]"));
  others.forEach(function (a) { a.setAttribute("data-href", a.getAttribute("href")); });

  function update(write) {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(card);
      if (card.hidden === ok) card.hidden = !ok;
      if (ok) shown++;
    });
    if (status) {
      status.textContent = shown === 0 ? status.getAttribute("data-none")
        : shown === 1 && status.getAttribute("data-single") ? status.getAttribute("data-single").replace("%d", cards.length)
        : status.getAttribute("data-template").replace("%d", shown).replace("%d", cards.length);
    }
    var parts = selects.filter(function (s) { return s.value; }).map(function (s) {
      return s.id.slice(2) + "=" + encodeURIComponent(s.value);
    });
    others.forEach(function (a) { a.setAttribute("href", a.getAttribute("data-href") + (parts.length ? "#" + parts.join("&") : "")); });
    if (write) {
      try {
        history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
      } catch (e) { /* some browsers refuse it from file:// */ }
    }
  }

  // A printed home page shows the whole intro.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.more"), function (d) { d.open = true; });
  });

  read();
  update(false);
  // A link within the page to a choice (#country=gt, written in the
  // intro) applies it.
  window.addEventListener("hashchange", function () {
    if (location.hash.indexOf("=") >= 0) { read(); update(false); }
  });
  // The skip link moves the focus to the content without replacing the
  // choice kept in the address.
  var skip = document.querySelector('a.skip[href="#main"]');
  var main = document.getElementById("main");
  if (skip && main) {
    skip.addEventListener("click", function (e) {
      if (location.hash.indexOf("=") < 0) return;
      e.preventDefault();
      main.focus();
    });
  }
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
})();
