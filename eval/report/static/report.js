/* mteval report script: views, findings table, document views on demand.
   Data comes from the JSON block (JSON.parse) and reaches the page through textContent only. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  function $(id) { return document.getElementById(id); }
  var data = JSON.parse($("report-data").textContent);
  var F = data.findings; /* [doc, side, severity, check, its type, message, source excerpt, target excerpt, row] */
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  var ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  var PAGE = 200;

  /* ---- views and routing ---- */
  var views = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-view]"), function (el) {
    views[el.getAttribute("data-view")] = el;
  });
  var shown = "overview";
  function show(name) {
    shown = name;
    Object.keys(views).forEach(function (k) { views[k].classList.toggle("active", k === name); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (a) {
      if (a.getAttribute("data-tab") === name) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
  }
  function route() {
    var h = location.hash.slice(1);
    var m = /^d(\d+)(?:-r(\d+))?$/.exec(h);
    if (m) { show("documents"); openDoc(+m[1], m[2] !== undefined ? h : null); return; }
    var q = h.indexOf("?");
    var name = q >= 0 ? h.slice(0, q) : h;
    if (name === "findings") {
      show("findings");
      if (q >= 0) { applyParams(new URLSearchParams(h.slice(q + 1))); }
      drawFindings();
      return;
    }
    if (name === "documents") { show("documents"); showList(); return; }
    /* any other anchor (a footnote, the skip link): show the view that holds it, or stay */
    var target = h ? document.getElementById(h) : null;
    var holder = target ? target.closest("[data-view]") : null;
    show(holder ? holder.getAttribute("data-view") : (target ? shown : "overview"));
  }

  /* ---- findings ---- */
  var fstate = { side: "", check: "", sev: "", doc: "", q: "", key: 2, dir: 1, limit: PAGE };
  var hay = null;
  var controls = { side: $("f-side"), check: $("f-check"), sev: $("f-sev"), doc: $("f-doc"), q: $("f-q") };
  var fbody = $("f-body"), fcount = $("f-count"), fsev = $("f-sevcounts"), fmore = $("f-more");
  var drawn = false;

  function haystack() {
    if (hay) { return hay; }
    hay = new Array(F.length);
    for (var i = 0; i < F.length; i++) {
      var f = F[i];
      hay[i] = [f[0] >= 0 ? data.docs[f[0]] : "", data.sides[f[1]], data.checks[f[3]], f[4], f[5], f[6], f[7]].join("\u0001").toLowerCase();
    }
    return hay;
  }
  function label(f, key) {
    if (key === 0) { return f[0] >= 0 ? data.docs[f[0]] : ""; }
    if (key === 1) { return data.sides[f[1]]; }
    if (key === 3) { return data.checks[f[3]]; }
    return f[key];
  }
  function matching() {
    var out = [];
    var side = fstate.side === "" ? -1 : +fstate.side;
    var check = fstate.check === "" ? -1 : +fstate.check;
    var sev = fstate.sev === "" ? -1 : +fstate.sev;
    var doc = fstate.doc === "" ? -2 : +fstate.doc;
    var q = fstate.q.trim().toLowerCase();
    var h = q ? haystack() : null;
    for (var i = 0; i < F.length; i++) {
      var f = F[i];
      if (side >= 0 && f[1] !== side) { continue; }
      if (check >= 0 && f[3] !== check) { continue; }
      if (sev >= 0 && f[2] !== sev) { continue; }
      if (doc > -2 && f[0] !== doc) { continue; }
      if (h && h[i].indexOf(q) < 0) { continue; }
      out.push(i);
    }
    var key = fstate.key, dir = fstate.dir;
    out.sort(function (a, b) {
      var fa = F[a], fb = F[b], c;
      if (key === 2) { c = fa[2] - fb[2]; } else { c = collator.compare(String(label(fa, key)), String(label(fb, key))); }
      if (c === 0) { c = fa[2] - fb[2] || fa[0] - fb[0] || fa[8] - fb[8] || a - b; return c; }
      return c * dir;
    });
    return out;
  }
  function td(tr, text, cls, rtlAware) {
    var cell = document.createElement("td");
    if (cls) { cell.className = cls; }
    var b = document.createElement("bdi");
    b.textContent = text;
    cell.appendChild(b);
    if (rtlAware) {
      if (ARABIC.test(text)) { cell.dir = "rtl"; cell.lang = "ar"; cell.classList.add("ar"); } else { cell.dir = "ltr"; }
    }
    tr.appendChild(cell);
    return cell;
  }
  function drawFindings() {
    drawn = true;
    var rows = matching();
    var frag = document.createDocumentFragment();
    var n = Math.min(rows.length, fstate.limit);
    for (var k = 0; k < n; k++) {
      var f = F[rows[k]];
      var tr = document.createElement("tr");
      var sevCell = document.createElement("td");
      var pill = document.createElement("span");
      pill.className = "pill sev-" + data.severities[f[2]];
      pill.textContent = data.severities[f[2]];
      sevCell.appendChild(pill);
      tr.appendChild(sevCell);
      td(tr, f[0] >= 0 ? data.docs[f[0]] : "(corpus)", "", false);
      td(tr, data.sides[f[1]], "", false);
      td(tr, data.checks[f[3]], "chk", false);
      td(tr, f[5], "msg", true);
      td(tr, f[6], "x", true).title = f[6];
      td(tr, f[7], "x", true).title = f[7];
      var linkCell = document.createElement("td");
      if (f[0] >= 0) {
        var a = document.createElement("a");
        a.href = "#d" + f[0] + (f[8] >= 0 ? "-r" + f[8] : "");
        a.textContent = f[8] >= 0 ? "Go to sentence" : "Go to document";
        linkCell.appendChild(a);
      }
      tr.appendChild(linkCell);
      frag.appendChild(tr);
    }
    fbody.replaceChildren(frag);
    var bySev = [0, 0, 0, 0];
    for (var j = 0; j < rows.length; j++) { bySev[F[rows[j]][2]]++; }
    fcount.textContent = rows.length.toLocaleString("en") + " of " + F.length.toLocaleString("en") + " findings match" +
      (rows.length > n ? " · showing the first " + n.toLocaleString("en") : "");
    var chips = document.createDocumentFragment();
    data.severities.forEach(function (s, i) {
      var p = document.createElement("span");
      p.className = "pill sev-" + s;
      p.textContent = bySev[i].toLocaleString("en") + " " + s;
      chips.appendChild(p);
    });
    fsev.replaceChildren(chips);
    fmore.hidden = rows.length <= n;
  }
  function readControls() {
    fstate.side = controls.side.value; fstate.check = controls.check.value; fstate.sev = controls.sev.value;
    fstate.doc = controls.doc.value; fstate.q = controls.q.value; fstate.limit = PAGE;
  }
  function applyParams(p) {
    var map = { side: "side", check: "check", sev: "sev", doc: "doc", q: "q" };
    Object.keys(map).forEach(function (k) { controls[k].value = ""; });
    p.forEach(function (v, k) {
      if (!map[k]) { return; }
      if (k === "check" && !/^\d+$/.test(v)) { var ix = data.checks.indexOf(v); v = ix >= 0 ? String(ix) : ""; }
      controls[k].value = v;
    });
    readControls();
  }
  ["side", "check", "sev", "doc"].forEach(function (k) {
    controls[k].addEventListener("change", function () { readControls(); drawFindings(); });
  });
  var timer = null;
  controls.q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { readControls(); drawFindings(); }, 120);
  });
  $("f-form").addEventListener("submit", function (e) { e.preventDefault(); });
  $("f-form").addEventListener("reset", function () { setTimeout(function () { readControls(); drawFindings(); }, 0); });
  fmore.addEventListener("click", function () { fstate.limit += PAGE * 5; drawFindings(); });
  Array.prototype.forEach.call(document.querySelectorAll("#f-table th button[data-sort]"), function (b) {
    b.addEventListener("click", function () {
      var key = +b.getAttribute("data-sort");
      fstate.dir = fstate.key === key ? -fstate.dir : 1;
      fstate.key = key;
      Array.prototype.forEach.call(document.querySelectorAll("#f-table th[aria-sort]"), function (th) { th.setAttribute("aria-sort", "none"); });
      b.parentNode.setAttribute("aria-sort", fstate.dir === 1 ? "ascending" : "descending");
      drawFindings();
    });
  });

  /* ---- documents: each one is a <template>, instantiated when opened ---- */
  var docView = $("doc-view"), docList = $("doc-list"), docSelect = $("doc-select");
  var current = -1;
  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }
  function openDoc(i, anchor) {
    var tpl = $("tpl-d" + i);
    if (!tpl) { showList(); return; }
    if (current !== i) {
      docView.replaceChildren(tpl.content.cloneNode(true));
      current = i;
    }
    docList.hidden = true;
    docSelect.value = String(i);
    $("doc-prev").disabled = !$("tpl-d" + (i - 1));
    $("doc-next").disabled = !$("tpl-d" + (i + 1));
    var el = anchor ? $(anchor) : null;
    if (el) {
      el.setAttribute("tabindex", "-1");
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
      flash(el);
    } else {
      docView.focus({ preventScroll: true });
      docView.scrollIntoView({ block: "start" });
    }
  }
  function showList() {
    docView.replaceChildren();
    current = -1;
    docList.hidden = false;
    docSelect.value = "";
    $("doc-prev").disabled = true;
    $("doc-next").disabled = false;
  }
  docSelect.addEventListener("change", function () {
    location.hash = docSelect.value === "" ? "#documents" : "#d" + docSelect.value;
  });
  $("doc-prev").addEventListener("click", function () { if (current > 0) { location.hash = "#d" + (current - 1); } });
  $("doc-next").addEventListener("click", function () { location.hash = "#d" + (current + 1); });
  $("doc-index").addEventListener("click", function () { location.hash = "#documents"; });
  $("opt-names").addEventListener("change", function (e) { docView.classList.toggle("hide-names", !e.target.checked); });
  $("opt-diff").addEventListener("change", function (e) { docView.classList.toggle("hide-diff", !e.target.checked); });

  /* ---- sortable tables (document list) ---- */
  function cellKey(cell) {
    var v = cell.getAttribute("data-v");
    if (v === null) { v = cell.textContent.trim(); }
    var n = parseFloat(v.replace(/,/g, ""));
    return isNaN(n) || !/^-?[\d.,]+%?$/.test(v.trim()) ? v : n;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (t) {
    var ths = t.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, ci) {
      var b = th.querySelector("button");
      if (!b) { return; }
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        Array.prototype.forEach.call(ths, function (x) { x.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var body = t.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).map(function (r, k) { return [cellKey(r.cells[ci]), k, r]; });
        rows.sort(function (a, b2) {
          var x = a[0], y = b2[0], c;
          if (typeof x === "number" && typeof y === "number") { c = x - y; } else if (typeof x === "number") { c = -1; } else if (typeof y === "number") { c = 1; } else { c = collator.compare(x, y); }
          return c ? c * dir : a[1] - b2[1];
        });
        var frag = document.createDocumentFragment();
        rows.forEach(function (r) { frag.appendChild(r[2]); });
        body.appendChild(frag);
      });
    });
  });

  window.addEventListener("hashchange", route);
  route();
  window.mtevalReady = true;
})();
