// catalog serve: reload this page when the catalog has been rebuilt.
// Only served pages load this script; `catalog build` never writes it.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = me && me.getAttribute("data-generation");
  var events = new EventSource("/_catalog/events");
  // hello says which build is current when the stream opens (a page that
  // loaded just before a rebuild has missed it); reload, each new build.
  function check(e) {
    if (e.data !== shown) {
      events.close();
      location.reload();
    }
  }
  events.addEventListener("hello", check);
  events.addEventListener("reload", check);
})();
