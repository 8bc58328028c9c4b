(function () {
  "use strict";
  // One plan per answer to the decisions on the page (div.variant, keyed by
  // "0=keep,2=remove"); the one for the answers chosen is shown. Ticks are
  // kept by what a step does ("contact_off P@A"), so a step ticked in one
  // plan is ticked in every plan that has it; the answers are kept with them.
  var main = document.querySelector("main[data-fingerprint]");
  if (!main) { return; }
  var key = "plan-removal:" + main.getAttribute("data-fingerprint");
  var variants = Array.prototype.slice.call(document.querySelectorAll("div.variant"));
  var choices = Array.prototype.slice.call(document.querySelectorAll("fieldset.choice"));
  var notice = document.getElementById("notice");
  var progress = document.getElementById("progress");
  var done = {};      // step key -> true
  var answers = {};   // decision subject -> "keep" | "remove"
  var shown = null;   // the variant on screen
  var boxes = [];
  var byStep = {};

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  function say(text) { notice.textContent = text; }
  // "1, 2 and 4", as the page's language joins a list
  function joined(items) {
    if (items.length < 2) { return items.join(""); }
    return fill(main.getAttribute("data-and"), { first: items.slice(0, -1).join(", "), last: items[items.length - 1] });
  }
  function message(name, count, values) {
    return fill(main.getAttribute("data-msg-" + name + (count === 1 ? "-one" : "-many")), values);
  }
  function waitsFor(box) {
    var after = box.getAttribute("data-after");
    return after ? after.split(" ") : [];
  }
  function isDone(n) { return Boolean(byStep[n] && byStep[n].checked); }
  function isDecision(n) { return !byStep[n]; }
  function dependents(box) {
    var n = box.getAttribute("data-step");
    return boxes.filter(function (other) { return waitsFor(other).indexOf(n) >= 0; });
  }

  function chosenKey() {
    var parts = [];
    choices.forEach(function (fieldset) {
      var picked = fieldset.querySelector("input[type=radio]:checked");
      if (picked && picked.value) { parts.push(fieldset.getAttribute("data-index") + "=" + picked.value); }
    });
    return parts.join(",");
  }
  function readAnswers() {
    answers = {};
    choices.forEach(function (fieldset) {
      var picked = fieldset.querySelector("input[type=radio]:checked");
      if (picked && picked.value) { answers[fieldset.getAttribute("data-subject")] = picked.value; }
    });
  }
  function show() {
    var wanted = chosenKey();
    variants.forEach(function (variant) {
      var match = variant.getAttribute("data-key") === wanted;
      variant.hidden = !match;
      if (match && variant.classList.contains("steps-part")) { shown = variant; }
    });
    boxes = all(shown, "input.step-box");
    all(shown, "input.followup-box").forEach(function (box) { box.checked = Boolean(done[box.getAttribute("data-key")]); });
    byStep = {};
    boxes.forEach(function (box) { byStep[box.getAttribute("data-step")] = box; });
    // A tick counts only once the steps it waits for are ticked, in this plan.
    var settled = false;
    boxes.forEach(function (box) { box.checked = false; });
    while (!settled) {
      settled = true;
      boxes.forEach(function (box) {
        var want = Boolean(done[box.getAttribute("data-key")]) && waitsFor(box).every(isDone);
        if (want && !box.checked) { box.checked = true; settled = false; }
      });
    }
  }
  function refresh() {
    var count = 0;
    boxes.forEach(function (box) {
      box.closest(".step").classList.toggle("done", box.checked);
      if (box.checked) { count += 1; }
      var open = waitsFor(box).filter(function (n) { return !isDone(n); });
      box.setAttribute("aria-disabled", String(open.length > 0 && !box.checked));
    });
    var text = fill(shown.getAttribute("data-progress"), { done: count });
    var open = shown.getAttribute("data-open");
    if (open) { text += " — " + open; }
    progress.textContent = text;
  }
  function save() {
    try {
      window.localStorage.setItem(key, JSON.stringify({ done: Object.keys(done).sort(), answers: answers }));
    } catch (e) { /* storage off: progress is not kept */ }
  }
  function load() {
    var kept = null;
    try { kept = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
    if (!kept || typeof kept !== "object" || Array.isArray(kept)) { return; }
    if (Array.isArray(kept.done)) {
      kept.done.forEach(function (k) { if (typeof k === "string") { done[k] = true; } });
    }
    var chosen = kept.answers && typeof kept.answers === "object" ? kept.answers : {};
    choices.forEach(function (fieldset) {
      var answer = chosen[fieldset.getAttribute("data-subject")];
      all(fieldset, "input[type=radio]").forEach(function (radio) {
        radio.checked = answer ? radio.value === answer : radio.value === "";
      });
    });
    readAnswers();
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "radio" && target.closest("fieldset.choice")) {
      readAnswers();
      say("");
      show();
      refresh();
      save();
      return;
    }
    if (target.classList && target.classList.contains("followup-box")) {
      if (target.checked) { done[target.getAttribute("data-key")] = true; } else { delete done[target.getAttribute("data-key")]; }
      save();
      return;
    }
    if (!target.classList || !target.classList.contains("step-box")) { return; }
    var box = target;
    var n = box.getAttribute("data-step");
    if (box.checked) {
      var open = waitsFor(box).filter(function (m) { return !isDone(m); });
      if (open.length) {
        box.checked = false;
        var deciding = open.filter(isDecision);
        if (deciding.length) {
          say(fill(main.getAttribute("data-msg-decide"), { step: n, steps: joined(deciding) }));
        } else {
          say(message("wait", open.length, { step: n, steps: joined(open) }));
        }
        return;
      }
      done[box.getAttribute("data-key")] = true;
    } else {
      var later = dependents(box).filter(function (b) { return b.checked; });
      if (later.length) {
        box.checked = true;
        say(message("later", later.length, {
          step: n,
          steps: joined(later.map(function (b) { return b.getAttribute("data-step"); }))
        }));
        return;
      }
      delete done[box.getAttribute("data-key")];
    }
    say("");
    refresh();
    save();
  });
  document.getElementById("reset").addEventListener("click", function () {
    if (!window.confirm(main.getAttribute("data-msg-reset"))) { return; }
    done = {};
    boxes.forEach(function (box) { box.checked = false; });
    all(document, "input.followup-box").forEach(function (box) { box.checked = false; });
    save();
    say("");
    refresh();
  });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  load();
  show();
  refresh();
}());
