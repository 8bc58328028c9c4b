(function () {
  "use strict";
  var main = document.querySelector("main[data-fingerprint]");
  if (!main) { return; }
  var key = "plan-removal:" + main.getAttribute("data-fingerprint");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.step-box"));
  var byStep = {};
  boxes.forEach(function (box) { byStep[box.getAttribute("data-step")] = box; });
  var notice = document.getElementById("notice");
  var progress = document.getElementById("progress");

  function waitsFor(box) {
    var after = box.getAttribute("data-after");
    return after ? after.split(" ") : [];
  }
  function dependents(box) {
    var n = box.getAttribute("data-step");
    return boxes.filter(function (other) { return waitsFor(other).indexOf(n) >= 0; });
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  function say(text) { notice.textContent = text; }
  function refresh() {
    var done = 0;
    boxes.forEach(function (box) {
      var item = box.closest(".step");
      item.classList.toggle("done", box.checked);
      if (box.checked) { done += 1; }
      var open = waitsFor(box).filter(function (n) { return !byStep[n].checked; });
      box.setAttribute("aria-disabled", String(open.length > 0 && !box.checked));
    });
    progress.textContent = fill(main.getAttribute("data-progress"), { done: done, total: boxes.length });
  }
  function save() {
    var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-step"); });
    try { window.localStorage.setItem(key, JSON.stringify(ticked)); } catch (e) { /* storage off: progress is not kept */ }
  }
  function load() {
    var ticked = [];
    try { ticked = JSON.parse(window.localStorage.getItem(key) || "[]"); } catch (e) { ticked = []; }
    if (!Array.isArray(ticked)) { ticked = []; }
    boxes.forEach(function (box) {
      var n = box.getAttribute("data-step");
      var ready = waitsFor(box).every(function (m) { return byStep[m].checked; });
      box.checked = ticked.indexOf(n) >= 0 && ready;
    });
  }

  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) {
        var open = waitsFor(box).filter(function (n) { return !byStep[n].checked; });
        if (open.length) {
          box.checked = false;
          say(fill(main.getAttribute("data-msg-wait"), { step: box.getAttribute("data-step"), steps: open.join(", ") }));
          return;
        }
      } else {
        var later = dependents(box).filter(function (b) { return b.checked; });
        if (later.length) {
          box.checked = true;
          say(fill(main.getAttribute("data-msg-later"), {
            step: box.getAttribute("data-step"),
            steps: later.map(function (b) { return b.getAttribute("data-step"); }).join(", ")
          }));
          return;
        }
      }
      say("");
      refresh();
      save();
    });
  });
  document.getElementById("reset").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    say("");
    refresh();
  });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  load();
  refresh();
}());
