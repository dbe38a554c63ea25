/* resolvetool: search in the browser over the index the site was built with (search/*.js), no server.
   Every word typed must begin a word of the record (title, symbol, id or text); titles weigh most.
   Results are built with DOM nodes and textContent only: no record text is ever parsed as HTML. */
(function () {
  "use strict";
  var docs = [];
  window.resolvetoolSearch = { add: function (rows) { Array.prototype.push.apply(docs, rows); } };

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();  // as the index was folded
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  function has(haystack, word) {
    return (" " + haystack).indexOf(" " + word) >= 0;
  }

  function search(query) {
    var terms = words(query);
    if (!terms.length) { return []; }
    var found = [];
    for (var i = 0; i < docs.length; i++) {
      var doc = docs[i];  // [path, title, kind, symbol, date, words, date it is filed by]
      var title = words(doc[1] + " " + (doc[3] || "")).join(" ");
      var score = 0, ok = true;
      for (var t = 0; t < terms.length; t++) {
        if (has(title, terms[t])) { score += 3; }
        else if (has(doc[5], terms[t])) { score += 1; }
        else { ok = false; break; }
      }
      if (ok) { found.push([score, doc]); }
    }
    found.sort(function (a, b) {
      if (b[0] !== a[0]) { return b[0] - a[0]; }
      return (b[1][6] || "").localeCompare(a[1][6] || "");
    });
    return found.map(function (pair) { return pair[1]; });
  }

  function show(query) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!words(query).length) { return; }
    var results = search(query);
    var shown = results.slice(0, 100);
    status.textContent = results.length === 0 ? "No record matches every word." :
      results.length + (results.length === 1 ? " record" : " records") +
      (results.length > shown.length ? "; the first " + shown.length + " are shown." : ".");
    shown.forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.setAttribute("href", doc[0]);
      link.textContent = doc[1];
      item.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + [doc[2], doc[3], doc[4]].filter(Boolean).join(" · ");
      item.appendChild(meta);
      list.appendChild(item);
    });
  }

  function load(done) {
    var shards = window.resolvetoolShards || [];
    var waiting = shards.length;
    if (!waiting) { done(); return; }
    shards.forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = script.onerror = function () { if (--waiting === 0) { done(); } };
      document.head.appendChild(script);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("q");
    var status = document.getElementById("search-status");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    status.textContent = "Loading the search index…";
    load(function () {
      document.body.setAttribute("data-search-ready", String(docs.length));
      status.textContent = docs.length + " records searchable. Every word must match (the start of a word is enough).";
      show(input.value);
      input.addEventListener("input", function () {
        show(input.value);
        try {  // keep the query in the address, so that the back button and a copied link bring it back
          var url = new URL(window.location.href);
          url.searchParams.set("q", input.value);
          window.history.replaceState(null, "", url.toString());
        } catch (error) { /* some browsers refuse this on file:// pages */ }
      });
    });
  });
}());
