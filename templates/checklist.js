(function () {
  "use strict";
  // The page holds the open plan and, for each group of decisions, the plan
  // for every combination of that group's answers. Every element says when
  // it is shown (data-when: per group, the answers it is shown for;
  // data-every="1": an element of the open plan, which every group listed
  // must agree to). What is on screen is the open plan with each group's
  // part replaced by the part its answers give. The steps on screen are
  // numbered as the planner numbers a plan — group by group, each step in
  // the group after the last step it waits for, in the fixed order of
  // data-id within a group — and every step number in a sentence (span.ref)
  // is filled in. Ticks are kept by what a step does ("contact_off P@A"),
  // so a step ticked in one plan is ticked in every plan that has it; the
  // answers are kept with them.
  var main = document.querySelector("main[data-fingerprint]");
  if (!main) { return; }
  var data = JSON.parse(main.getAttribute("data-page"));
  var storeKey = "plan-removal:" + main.getAttribute("data-fingerprint");
  var notice = document.getElementById("notice");
  var noticeHome = notice.parentNode;
  var noticeNext = notice.nextSibling;
  var progress = document.getElementById("progress");
  var list = document.getElementById("step-list");
  var section = document.getElementById("steps-section");
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  var fieldsets = all(document, "fieldset.choice");
  var placed = all(document, "[data-when]");
  var wholes = all(document, "[data-part]");
  var items = all(document, "li.step");
  var followups = all(document, "li.followup");
  var rules = new Map();
  var done = {};      // step or follow-up key -> true
  var keys = {};      // group -> its answers, "0=keep,3=remove"
  var shown = [];     // the li.step on screen, in order
  var byId = {};      // step id -> its li on screen
  var numbers = {};   // step id -> its number on screen

  function attr(name) { return main.getAttribute("data-msg-" + name); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  // "1, 2 and 4", as the page's language joins a list
  function joined(parts) {
    if (parts.length < 2) { return parts.join(""); }
    return fill(main.getAttribute("data-and"), { first: parts.slice(0, -1).join(", "), last: parts[parts.length - 1] });
  }
  // a count as the page's language writes it: 12.655 or 12,655
  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, main.getAttribute("data-thousands")); }
  function message(name, count, values) { return fill(attr(name + (count === 1 ? "-one" : "-many")), values); }
  function numbered(ids) {
    return joined(ids.map(function (id) { return numbers[id]; }).filter(Boolean)
      .sort(function (a, b) { return a - b; }).map(String));
  }
  function canonical(object) {
    return JSON.stringify(Object.keys(object).sort().map(function (k) { return [k, object[k]]; }));
  }

  // -- which answers, and what they show ---------------------------------------------
  function isShown(element, current) {
    var rule = rules.get(element);
    if (!rule) { rule = JSON.parse(element.getAttribute("data-when")); rules.set(element, rule); }
    var test = function (g) { return rule[g].indexOf(current[g] || "") >= 0; };
    var groups = Object.keys(rule);
    return element.getAttribute("data-every") === "1" ? groups.every(test) : groups.some(test);
  }
  function answerOf(fieldset) {
    var picked = fieldset.querySelector("input[type=radio]:checked");
    return picked ? picked.value : "";
  }
  // The answers of the decisions on screen, per group; a decision an answer
  // opens shows once that answer is chosen, so this runs until it settles.
  function currentKeys() {
    var current = {};
    for (var round = 0; round <= fieldsets.length; round += 1) {
      var chosen = {};
      fieldsets.forEach(function (fieldset) {
        if (fieldset.hasAttribute("data-when") && !isShown(fieldset, current)) { return; }
        var answer = answerOf(fieldset);
        if (!answer) { return; }
        var g = fieldset.getAttribute("data-group");
        (chosen[g] = chosen[g] || []).push([Number(fieldset.getAttribute("data-index")), answer]);
      });
      var next = {};
      Object.keys(chosen).forEach(function (g) {
        next[g] = chosen[g].sort(function (a, b) { return a[0] - b[0]; })
          .map(function (pair) { return pair[0] + "=" + pair[1]; }).join(",");
      });
      if (canonical(next) === canonical(current)) { break; }
      current = next;
    }
    return current;
  }
  // The part the answers are, when they are one: the open plan (""), or one
  // group's answers ("GROUP:KEY"); "*" for answers to several groups.
  function activePart() {
    var chosen = Object.keys(keys).filter(function (g) { return keys[g]; });
    var part = chosen.length === 0 ? "" : chosen.length === 1 ? chosen[0] + ":" + keys[chosen[0]] : "*";
    return Object.prototype.hasOwnProperty.call(data.parts, part) ? part : "*";
  }
  function chosenParts() {
    return Object.keys(keys).filter(function (g) { return keys[g]; })
      .map(function (g) { return data.parts[g + ":" + keys[g]]; }).filter(Boolean);
  }

  // -- the steps on screen, numbered ------------------------------------------------------
  function after(li) {
    return (li.getAttribute("data-after") || "").split(" ").filter(function (id) { return id && byId[id]; });
  }
  function renumber() {
    var generation = {};
    function depth(id) {
      if (!generation[id]) {
        generation[id] = 1;
        after(byId[id]).forEach(function (first) { generation[id] = Math.max(generation[id], depth(first) + 1); });
      }
      return generation[id];
    }
    shown.forEach(function (li) { depth(li.getAttribute("data-id")); });
    shown.sort(function (a, b) {
      var ia = Number(a.getAttribute("data-id")), ib = Number(b.getAttribute("data-id"));
      return generation[ia] - generation[ib] || ia - ib;
    });
    numbers = {};
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var ol = null;
    var current = 0;
    shown.forEach(function (li, i) {
      var id = li.getAttribute("data-id");
      numbers[id] = i + 1;
      li.querySelector(".num").textContent = String(i + 1);
      if (generation[id] !== current) {
        current = generation[id];
        var head = document.createElement("h3");
        head.id = "group-" + current;
        head.className = "group-head";
        head.textContent = attr("group") + " " + current;
        ol = document.createElement("ol");
        ol.className = "steps";
        ol.setAttribute("aria-labelledby", head.id);
        list.appendChild(head);
        list.appendChild(ol);
      }
      ol.appendChild(li);
    });
    var spare = document.createElement("ol");
    spare.className = "steps spare";
    items.forEach(function (li) { if (li.classList.contains("gone")) { spare.appendChild(li); } });
    list.appendChild(spare);
    all(document, ".ref").forEach(function (span) { span.textContent = numbered(span.getAttribute("data-refs").split(" ")); });
    // a decision taken has no step any more
    all(document, ".legend-step").forEach(function (span) { span.hidden = !span.querySelector(".ref").textContent; });
  }
  function layout() {
    keys = currentKeys();
    placed.forEach(function (element) { element.classList.toggle("gone", !isShown(element, keys)); });
    var part = activePart();
    wholes.forEach(function (element) { element.hidden = element.getAttribute("data-part") !== part; });
    fieldsets.forEach(function (fieldset) { fieldset.classList.toggle("answered", Boolean(answerOf(fieldset))); });
    shown = items.filter(function (li) { return !li.classList.contains("gone"); });
    byId = {};
    shown.forEach(function (li) { byId[li.getAttribute("data-id")] = li; });
    if (data.groups > 0) {
      renumber();
    } else {
      shown.forEach(function (li) { numbers[li.getAttribute("data-id")] = Number(li.querySelector(".num").textContent); });
    }
    describe(part);
  }

  // -- what the page says about the answers chosen ----------------------------------------------
  function openCount() {
    return fieldsets.filter(function (f) { return !f.classList.contains("gone") && !answerOf(f); }).length + data.left;
  }
  function describe(part) {
    var open = openCount();
    var heading = document.getElementById("decisions-title");
    if (heading && (fieldsets.length || data.left)) { heading.textContent = data.heading[open ? 0 : 1]; }
    var chosen = chosenParts();
    var untickable = part === "*" ? chosen.some(function (p) { return !p[3]; }) : !data.parts[part][3];
    main.classList.toggle("no-ticks", untickable);
    var banner = document.querySelector('.verdict[data-part="*"] .banner');
    if (part !== "*" || !banner) { return; }
    var unsafe = chosen.some(function (p) { return p[0] === "unsafe"; });
    var status = unsafe ? "unsafe" : open ? "needs-decision" : "safe";
    banner.className = "banner " + { "safe": "safe", "needs-decision": "decide", "unsafe": "unsafe" }[status];
    banner.textContent = unsafe ? data.verdict.unsafe : open ? data.verdict.open[String(open)]
      : chosen.some(function (p) { return p[1]; }) ? data.verdict.undone : data.verdict.taken;
    var intro = document.querySelector('.steps-intro[data-part="*"]');
    var ordersOk = data.parts[""][2] && chosen.every(function (p) { return p[2]; });
    intro.querySelector(".orders").textContent = ordersOk ? data.orders.ok : data.orders.some;
    intro.querySelector(".with-steps").hidden = !shown.length;
    intro.querySelector(".untickable").textContent = untickable ? data.untickable : "";
    intro.querySelector(".empty").textContent = shown.length ? "" : data.empty;
  }

  // -- ticks -------------------------------------------------------------------------------------
  function boxOf(li) { return li.querySelector("input.step-box"); }
  function isDone(id) { var box = byId[id] && boxOf(byId[id]); return Boolean(box && box.checked); }
  function isDecision(id) { return Boolean(byId[id]) && !boxOf(byId[id]); }
  function waiting(li) { return after(li).filter(function (id) { return !isDone(id); }); }
  function waitingText(open) {
    var deciding = open.filter(isDecision);
    if (deciding.length) { return fill(attr("waiting-decision"), { steps: numbered(deciding) }); }
    return message("waiting", open.length, { steps: numbered(open) });
  }
  function followupWait(li) {
    var decision = li.getAttribute("data-decision");
    if (decision && byId[decision]) { return fill(attr("followup-decide"), { steps: numbered([decision]) }); }
    var open = shown.some(function (step) { var box = boxOf(step); return box && !box.checked; });
    return open ? attr("followup-steps") : "";
  }
  function restore() {
    items.forEach(function (li) { var box = boxOf(li); if (box) { box.checked = false; } });
    // A tick counts only once the steps it waits for are ticked, in this plan.
    var settled = false;
    while (!settled) {
      settled = true;
      shown.forEach(function (li) {
        var box = boxOf(li);
        if (box && !box.checked && done[li.getAttribute("data-key")] && !waiting(li).length) {
          box.checked = true;
          settled = false;
        }
      });
    }
    followups.forEach(function (li) {
      var box = li.querySelector("input.followup-box");
      box.checked = Boolean(done[li.getAttribute("data-key")]) && !followupWait(li);
    });
  }
  function refresh() {
    var count = 0;
    var total = 0;
    shown.forEach(function (li) {
      var box = boxOf(li);
      if (!box) { return; }
      total += 1;
      if (box.checked) { count += 1; }
      var open = box.checked ? [] : waiting(li);
      li.classList.toggle("done", box.checked);
      li.classList.toggle("waiting", open.length > 0);
      box.setAttribute("aria-disabled", String(open.length > 0));
      li.querySelector(".lock").textContent = open.length ? waitingText(open) : "";
    });
    followups.forEach(function (li) {
      var box = li.querySelector("input.followup-box");
      var why = box.checked ? "" : followupWait(li);
      li.classList.toggle("waiting", Boolean(why));
      box.setAttribute("aria-disabled", String(Boolean(why)));
      var decision = li.getAttribute("data-decision");
      li.querySelector(".lock").textContent = !why ? ""
        : decision && byId[decision] ? fill(attr("waiting-decision"), { steps: numbered([decision]) }) : attr("waiting-steps");
    });
    var text = fill(data.progress[total === 1 ? 0 : 1], { done: grouped(count), total: grouped(total) });
    var open = openCount();
    if (open) { text += " — " + fill(data.open[open === 1 ? 0 : 1], { n: grouped(open) }); }
    progress.textContent = text;
  }
  // Why a click did nothing, next to what was clicked.
  function say(text, where) {
    notice.textContent = text;
    if (!text) { noticeHome.insertBefore(notice, noticeNext); return; }
    var head = where.querySelector(".step-head");
    if (head) { head.parentNode.insertBefore(notice, head.nextSibling); } else { where.appendChild(notice); }
  }
  function save() {
    var answers = {};
    fieldsets.forEach(function (f) { if (answerOf(f)) { answers[f.getAttribute("data-subject")] = answerOf(f); } });
    try {
      window.localStorage.setItem(storeKey, JSON.stringify({ done: Object.keys(done).sort(), answers: answers }));
    } catch (e) { /* storage off: progress is not kept */ }
  }
  function load() {
    var kept = null;
    try { kept = JSON.parse(window.localStorage.getItem(storeKey) || "null"); } catch (e) { kept = null; }
    if (!kept || typeof kept !== "object" || Array.isArray(kept)) { return; }
    if (Array.isArray(kept.done)) {
      kept.done.forEach(function (k) { if (typeof k === "string") { done[k] = true; } });
    }
    var chosen = kept.answers && typeof kept.answers === "object" ? kept.answers : {};
    fieldsets.forEach(function (fieldset) {
      var answer = chosen[fieldset.getAttribute("data-subject")];
      all(fieldset, "input[type=radio]").forEach(function (radio) {
        radio.checked = answer ? radio.value === answer : radio.value === "";
      });
    });
  }

  function stepChanged(box) {
    var li = box.closest("li.step");
    var n = numbers[li.getAttribute("data-id")];
    if (box.checked) {
      var open = waiting(li);
      if (open.length) {
        box.checked = false;
        var deciding = open.filter(isDecision);
        if (deciding.length) {
          say(fill(attr("decide"), { step: n, steps: numbered(deciding) }), li);
        } else {
          say(message("wait", open.length, { step: n, steps: numbered(open) }), li);
        }
        return;
      }
      done[li.getAttribute("data-key")] = true;
    } else {
      var id = li.getAttribute("data-id");
      var later = shown.filter(function (other) {
        return boxOf(other) && boxOf(other).checked && after(other).indexOf(id) >= 0;
      });
      if (later.length) {
        box.checked = true;
        say(message("later", later.length, { step: n, steps: numbered(later.map(function (l) { return l.getAttribute("data-id"); })) }), li);
        return;
      }
      var ticked = followups.some(function (f) { return !f.classList.contains("gone") && f.querySelector("input").checked; });
      if (ticked) {
        box.checked = true;
        say(fill(attr("later-followup"), { step: n }), li);
        return;
      }
      delete done[li.getAttribute("data-key")];
    }
    say("");
    refresh();
    save();
  }
  function followupChanged(box) {
    var li = box.closest("li.followup");
    var why = followupWait(li);
    if (box.checked && why) {
      box.checked = false;
      say(why, li);
      return;
    }
    if (box.checked) { done[li.getAttribute("data-key")] = true; } else { delete done[li.getAttribute("data-key")]; }
    say("");
    refresh();
    save();
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "radio" && target.closest("fieldset.choice")) {
      say("");
      layout();
      restore();
      refresh();
      save();
    } else if (target.classList && target.classList.contains("followup-box")) {
      followupChanged(target);
    } else if (target.classList && target.classList.contains("step-box")) {
      stepChanged(target);
    }
  });
  document.getElementById("reset").addEventListener("click", function () {
    if (!window.confirm(attr("reset"))) { return; }
    done = {};
    all(document, "input.step-box, input.followup-box").forEach(function (box) { box.checked = false; });
    save();
    say("");
    refresh();
  });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  load();
  layout();
  restore();
  refresh();
}());
