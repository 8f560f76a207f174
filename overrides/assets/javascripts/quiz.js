/* Chapter quizzes: practice mode, DOMC drill, presenter mode and saved progress.
   The HTML comes from macros/templates/quiz.html.jinja and works without this script.
   Saved data (localStorage, all keys start with "ddsg:v1:"), one record per mode:
     q:<question id>:<content hash>  practice  {m: "p", ok: bool, sel: [option index...]}
     d:<question id>:<content hash>  DOMC drill {m: "d", ok, sel, shown: [...], why: "..."}
     sum:<chapter slug>              {c: correct, n: answered, t: total}  (read by the nav marks)
     mode:<chapter slug>             "practice" | "domc"
   Anything else, malformed or larger than MAX_RECORD is ignored. When the browser refuses
   or cannot hold more data, answers are kept in memory for the visit and the quiz says so.
   Presenter mode (?present) reads and writes nothing. */
(function () {
  "use strict";
  /* Material may run this file again after instant navigation: subscribe only once. */
  if (window.ddqLoaded) return;
  window.ddqLoaded = true;
  var PREFIX = "ddsg:v1:";
  var MAX_RECORD = 2000;
  var memory = {};  /* this visit's answers, whatever storage does */

  var store = (function () {
    try { localStorage.getItem(PREFIX + "probe"); return localStorage; } catch (e) { return null; }
  })();

  function read(key) {
    if (Object.prototype.hasOwnProperty.call(memory, key)) return memory[key];
    try {
      var raw = store && store.getItem(PREFIX + key);
      return raw && raw.length <= MAX_RECORD ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }
  function write(key, value) {
    memory[key] = value;
    try {
      store.setItem(PREFIX + key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;  /* refused, or the quota is full */
    }
  }
  function remove(key) {
    delete memory[key];
    try { store.removeItem(PREFIX + key); } catch (e) { /* nothing to remove */ }
  }

  /* A seeded generator (mulberry32), so ?seed=n gives everyone the same DOMC order. */
  function generator(seed) {
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function hashString(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
  }
  function randomFor(id) {
    var seed = new URLSearchParams(location.search).get("seed");
    return /^[0-9]+$/.test(seed || "") ? generator(Number(seed) + hashString(id)) : Math.random;
  }

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function Question(el, quiz) {
    this.el = el;
    this.quiz = quiz;
    this.id = el.getAttribute("data-question-id");
    this.hash = el.getAttribute("data-hash");
    this.options = Array.prototype.slice.call(el.querySelectorAll(".ddq-opt"));
    this.correct = this.options.map(function (o) { return o.getAttribute("data-correct") === "true"; });
    this.inputs = this.options.map(function (o) { return o.querySelector("input"); });
    this.list = el.querySelector(".ddq-options");
    this.check_ = el.querySelector(".ddq-check");
    this.panel = el.querySelector(".ddq-domc");
    this.feedback = el.querySelector(".ddq-feedback");
    this.answer = el.querySelector(".ddq-answer");
    var self = this;
    this.check_.addEventListener("click", function () { self.check(); });
    el.querySelector(".ddq-permalink").addEventListener("click", function (event) { self.copyLink(event); });
  }

  Question.prototype.key = function (mode) {
    return (mode === "domc" ? "d:" : "q:") + this.id + ":" + this.hash;
  };

  Question.prototype.saved = function (mode) {
    if (this.quiz.present) return null;
    var s = read(this.key(mode));
    var n = this.options.length;
    var indices = function (list) {
      return Array.isArray(list) && list.every(function (i) { return i === (i | 0) && i >= 0 && i < n; });
    };
    var valid = s && s.m === (mode === "domc" ? "d" : "p") && typeof s.ok === "boolean" && indices(s.sel) &&
      (s.shown === undefined || indices(s.shown)) && (s.why === undefined || typeof s.why === "string");
    return valid ? s : null;
  };

  /* Back to a blank question in the given mode (or to its saved result). */
  Question.prototype.reset = function (mode) {
    this.options.forEach(function (o, i) {
      o.classList.remove("ddq-opt--right", "ddq-opt--wrong", "ddq-opt--chosen");
      var mark = o.querySelector(".ddq-mark");
      if (mark) mark.remove();
      o.querySelector(".ddq-why").hidden = true;
      this.inputs[i].checked = false;
      this.inputs[i].disabled = false;
    }, this);
    this.feedback.textContent = "";
    this.answer.hidden = true;
    this.answer.open = false;
    this.panel.hidden = true;
    this.panel.textContent = "";
    var saved = this.saved(mode);
    if (saved) return this.reveal(saved, false);
    this.list.hidden = mode === "domc";
    this.check_.hidden = mode === "domc" || this.quiz.present;
    if (mode === "domc") this.startDomc();
  };

  Question.prototype.check = function () {
    var sel = [];
    this.inputs.forEach(function (input, i) { if (input.checked) sel.push(i); });
    if (!sel.length) {
      this.feedback.textContent = "Choose an option first.";
      return;
    }
    var ok = this.correct.every(function (c, i) { return c === (sel.indexOf(i) >= 0); });
    this.finish({ m: "p", ok: ok, sel: sel });
  };

  Question.prototype.finish = function (result) {
    if (!this.quiz.present && !write(this.key(result.m === "d" ? "domc" : "practice"), result)) this.quiz.noStorage();
    this.reveal(result, true);
    this.quiz.updateScore();
  };

  /* Show the outcome: each option marked in words and symbols, its "why", the explanation.
     m "x" is presenter mode: the answer shown to the room, nobody's choice. */
  Question.prototype.reveal = function (result, announce) {
    this.list.hidden = false;
    this.check_.hidden = true;
    this.panel.hidden = true;
    this.options.forEach(function (o, i) {
      var chosen = result.sel.indexOf(i) >= 0;
      this.inputs[i].checked = chosen;
      this.inputs[i].disabled = true;
      o.classList.toggle("ddq-opt--right", this.correct[i]);
      o.classList.toggle("ddq-opt--wrong", chosen && !this.correct[i]);
      o.classList.toggle("ddq-opt--chosen", chosen);
      var words = this.correct[i] ? "\u2713 Correct" : "\u2717 Not correct";
      if (result.m === "d" && result.shown && result.shown.indexOf(i) < 0) words += " (not shown)";
      else if (chosen) words += result.m === "d" ? ", you said yes" : ", your choice";
      else if (result.m === "d") words += ", you said no";
      var mark = o.querySelector(".ddq-mark") || o.insertBefore(make("span", "ddq-mark"), o.querySelector(".ddq-why"));
      mark.textContent = words;
      o.querySelector(".ddq-why").hidden = false;
    }, this);
    var text = result.m === "x" ? "The answer:" : result.ok ? "Right." : "Wrong.";
    if (result.m === "d" && result.why) text += " " + result.why;
    text += result.ok || result.m === "x" ? "" : " The correct options are marked.";
    this.feedback.textContent = text;
    this.answer.hidden = false;
    this.answer.open = true;
    if (announce) {
      this.feedback.focus({ preventScroll: true });
      this.feedback.scrollIntoView({ block: "center" });
    }
  };

  /* DOMC drill: options one at a time in random order, each answered yes or no.
     single: yes on the correct option ends it right; yes on a wrong one, or no on the
             correct one, ends it wrong.
     multiple: every correct option needs a yes and every wrong option a no; the first
             mistake ends it wrong, the yes on the last correct option ends it right.
     Once decided, one more option is shown with probability 0.5 (not scored), so an early
     end does not give the result away. No going back. */
  Question.prototype.startDomc = function () {
    var random = randomFor(this.id);
    var order = this.options.map(function (_, i) { return i; });
    for (var i = order.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = order[i]; order[i] = order[j]; order[j] = t;
    }
    var state = { order: order, pos: 0, said: [], shown: [], decided: null, why: "", random: random };
    var status = make("p", "ddq-domc-status");
    status.setAttribute("aria-live", "polite");
    var yes = make("button", "ddq-yes", "Yes");
    var no = make("button", "ddq-no", "No");
    yes.type = no.type = "button";
    var buttons = make("div", "ddq-domc-buttons");
    buttons.setAttribute("role", "group");
    buttons.setAttribute("aria-label", "Is this option correct?");
    buttons.append(yes, no);
    this.panel.append(status, buttons);
    this.panel.hidden = false;
    var self = this;
    yes.addEventListener("click", function () { self.answerDomc(state, true, status); });
    no.addEventListener("click", function () { self.answerDomc(state, false, status); });
    this.showDomcOption(state, status);
  };

  Question.prototype.showDomcOption = function (state, status) {
    var index = state.order[state.pos];
    state.shown.push(index);
    status.textContent = "";
    status.append(make("span", "ddq-domc-count", "Option " + (state.pos + 1) + ": "));
    var text = make("span", "ddq-domc-text");
    /* a copy of the option's own label: markup the build already sanitized */
    this.options[index].querySelector("label").childNodes.forEach(function (n) { text.append(n.cloneNode(true)); });
    status.append(text);
  };

  Question.prototype.answerDomc = function (state, yes, status) {
    var index = state.order[state.pos];
    if (yes) state.said.push(index);
    if (state.decided === null) {
      if (yes !== this.correct[index]) {
        state.decided = false;
        state.why = yes ? "You said yes to an option that is not correct." : "You said no to a correct option.";
      } else if (yes) {
        var correct = this.correct;
        var missing = correct.some(function (c, i) { return c && state.said.indexOf(i) < 0; });
        if (this.el.getAttribute("data-kind") === "single" || !missing) {
          state.decided = true;
          state.why = "You said yes to every correct option and no to the others shown.";
        }
      }
      var more = state.pos + 1 < state.order.length;
      if (state.decided === null && more) {
        state.pos += 1;
        return this.showDomcOption(state, status);
      }
      if (state.decided !== null && more && state.random() < 0.5) {
        state.pos += 1;  /* the extra, unscored option */
        return this.showDomcOption(state, status);
      }
      if (state.decided === null) state.decided = false;
    }
    this.finish({ m: "d", ok: state.decided, sel: state.said, shown: state.shown, why: state.why });
  };

  Question.prototype.copyLink = function (event) {
    event.preventDefault();
    var url = location.href.split("#")[0].split("?")[0] + "#q-" + this.id;
    history.replaceState(history.state, "", url);
    this.el.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    var note = this.el.querySelector(".ddq-copied");
    var done = function (text) { note.textContent = text; };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(url).then(function () { done("Link copied."); },
        function () { done("Copy this link: " + url); });
    } else {
      done("Copy this link: " + url);
    }
  };

  function Quiz(root) {
    this.root = root;
    this.slug = root.getAttribute("data-quiz");
    this.bar = root.querySelector(".ddq-bar");
    this.score = root.querySelector(".ddq-score");
    this.present = new URLSearchParams(location.search).has("present");
    var self = this;
    this.questions = Array.prototype.slice.call(root.querySelectorAll(".ddq-q"))
      .map(function (el) { return new Question(el, self); });
    var mode = read("mode:" + this.slug);
    this.mode = mode === "domc" ? "domc" : "practice";
    this.modeButtons = Array.prototype.slice.call(root.querySelectorAll(".ddq-mode"));
    this.modeButtons.forEach(function (button) {
      button.addEventListener("click", function () { self.setMode(button.getAttribute("data-mode")); });
    });
    this.resetButton = root.querySelector(".ddq-reset");
    this.resetButton.addEventListener("click", function () { self.resetAll(); });
    root.querySelector(".ddq-present").addEventListener("click", function () { self.startPresenting(); });
    if (!store || window.ddsgStorageShim) this.noStorage();
    root.querySelectorAll(".ddq-actions").forEach(function (a) { a.hidden = false; });
    root.classList.add("ddq--js");
    this.bar.hidden = false;
    root.querySelector(".ddq-about").hidden = false;
    if (this.present) this.startPresenting();
    else this.setMode(this.mode);
  }

  Quiz.prototype.noStorage = function () {
    this.root.querySelector(".ddq-nostore").hidden = false;
  };

  Quiz.prototype.setMode = function (mode) {
    this.mode = mode;
    if (!this.present) write("mode:" + this.slug, mode);
    this.root.classList.toggle("ddq--domc", mode === "domc");
    this.resetButton.textContent = mode === "domc" ? "Restart the drill" : "Reset practice answers";
    this.modeButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-mode") === mode)); });
    this.questions.forEach(function (q) { q.reset(mode); });
    this.updateScore();
  };

  /* Clears the current mode's answers only: a drill restarts without touching practice. */
  Quiz.prototype.resetAll = function () {
    var mode = this.mode;
    this.questions.forEach(function (q) { remove(q.key(mode)); });
    this.setMode(mode);
    this.score.textContent = (mode === "domc" ? "Drill restarted. " : "Practice reset. ") + this.score.textContent;
  };

  Quiz.prototype.updateScore = function () {
    if (this.present) return;
    var answered = 0, right = 0, any = 0, anyRight = 0, mode = this.mode;
    this.questions.forEach(function (q) {
      var s = q.saved(mode);
      if (s) { answered += 1; if (s.ok) right += 1; }
      var latest = q.saved("domc") || q.saved("practice");
      if (latest) { any += 1; if (latest.ok) anyRight += 1; }
    });
    var total = this.questions.length;
    this.score.textContent = right + " / " + total + " answered correctly" +
      (mode === "domc" ? " in the drill" : "") + (answered > right ? " (" + answered + " answered)" : "");
    if (any) write("sum:" + this.slug, { c: anyRight, n: any, t: total });
    else remove("sum:" + this.slug);
    if (window.ddsgMarkNav) window.ddsgMarkNav();
  };

  /* Presenter mode: one question at a time in large type, for a meeting's projector.
     Space or Enter reveals the answer, arrow keys move; nothing is read or saved. */
  Quiz.prototype.startPresenting = function () {
    this.present = true;
    if (!new URLSearchParams(location.search).has("present")) {
      history.replaceState(history.state, "", location.pathname + "?present#" + this.root.id);
    }
    document.body.classList.add("ddsg-presenting");
    this.root.classList.add("ddq--present");
    this.setMode("practice");
    this.counter = this.root.querySelector(".ddq-present-count");
    this.show(0);
    var self = this;
    if (!this.keys) {
      this.keys = function (event) { self.presenterKey(event); };
      document.addEventListener("keydown", this.keys);
      document$.subscribe(function () {  /* leaving the page by instant navigation */
        if (!document.body.contains(self.root)) document.removeEventListener("keydown", self.keys);
      });
    }
  };

  Quiz.prototype.show = function (index) {
    var n = this.questions.length;
    this.current = Math.max(0, Math.min(n - 1, index));
    this.questions.forEach(function (q, i) { q.el.classList.toggle("ddq-q--off", i !== this.current); }, this);
    this.counter.textContent = "Question " + (this.current + 1) + " of " + n +
      " \u00b7 Space: show the answer \u00b7 \u2190 \u2192: move";
    this.questions[this.current].el.scrollIntoView({ block: "start" });
  };

  Quiz.prototype.presenterKey = function (event) {
    if (event.target.closest && event.target.closest("input, textarea, .md-search")) return;
    var q = this.questions[this.current];
    if (event.key === " " || event.key === "Enter" || event.key === "ArrowDown") {
      q.reveal({ m: "x", ok: true, sel: [] }, false);
    } else if (event.key === "ArrowRight" || event.key === "PageDown") {
      this.show(this.current + 1);
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      this.show(this.current - 1);
    } else {
      return;
    }
    event.preventDefault();
  };

  function init() {
    document.querySelectorAll(".ddq:not([data-ddq-ready])").forEach(function (root) {
      root.setAttribute("data-ddq-ready", "");
      new Quiz(root);
    });
  }

  if (window.document$) window.document$.subscribe(init);
  else init();
})();
