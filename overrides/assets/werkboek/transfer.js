/* Export and import of a werkmap: a JSON back-up file (versioned, see README "Answers in the
 * browser"), a readable text version, and a checked import with a preview before anything changes.
 * Nothing is sent anywhere: files are made and read in the browser.
 */
(function () {
  "use strict";

  var Werkboek = window.Werkboek;
  var plan = Werkboek.plan;
  var el = plan.el;
  var MAX_BYTES = 1024 * 1024; // a full werkmap is a few dozen kilobytes
  var MAX_ANSWERS = 2000;
  var MAX_TEXT = 100000; // characters in one answer
  var ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var pendingImport = null; // {answers, name, fileName}: checked, waiting for the user's choice

  function store() { return Werkboek.store; }
  function storageKey() { return (window.WerkboekManifest || {}).storageKey || "werkboek"; }

  function slug(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  }

  function isoDay() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  /* werkboek-<bibliotheek>-<gemeente>-<datum>.<ext>; the werkmap name when both are empty. */
  function fileName(answers, ext) {
    var parts = [answers["kop-bibliotheek"], answers["kop-gemeente"]]
      .map(function (v) { return typeof v === "string" ? slug(v) : ""; })
      .filter(Boolean);
    if (!parts.length) parts.push(slug(store().activeSet().name) || "werkmap");
    return ["werkboek"].concat(parts, [isoDay()]).join("-") + "." + ext;
  }

  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.parentNode.removeChild(link); }, 1000);
  }

  function message(selector, text) {
    document.querySelectorAll(selector).forEach(function (node) { node.textContent = text; });
  }

  // -- Export ------------------------------------------------------------------------------------

  /* The back-up file: every stored answer of the active werkmap, also for questions that no
     longer exist. Documented in README.md. */
  function exportData() {
    var set = store().activeSet();
    return {
      format: store().FORMAT,
      schema: store().SCHEMA,
      workbook: storageKey(),
      set: { name: set.name },
      exported: new Date().toISOString(),
      answers: store().answers()
    };
  }

  function exportJson() {
    var data = exportData();
    download(fileName(data.answers, "json"), "application/json", JSON.stringify(data, null, 2) + "\n");
    store().markExported();
    message("[data-wb-export-message]", "Je back-up is gedownload. Bewaar het bestand op een veilige plek.");
    Werkboek.refresh();
  }

  function readableText() { return plan.planText(store().answers(), store().activeSet().name); }

  function exportText() {
    download(fileName(store().answers(), "txt"), "text/plain;charset=utf-8", readableText());
    message("[data-wb-export-message]", "De tekstversie is gedownload. Je kunt hem openen in Word of in een e-mail plakken.");
  }

  function copyText() {
    var text = readableText();
    function done() { message("[data-wb-export-message]", "De tekst staat op het klembord. Plak hem in je e-mail of document."); }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "wb-visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      document.body.removeChild(area);
      if (ok) done();
      else message("[data-wb-export-message]", "Kopiëren lukt niet in deze browser. Download de tekstversie en kopieer daaruit.");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  // -- Import: check, preview, confirm -----------------------------------------------------------

  function fail(text) { var error = new Error(text); error.dutch = true; throw error; }

  function countUnsafe(value, depth) {
    if (depth > 20 || value === null || typeof value !== "object") return 0;
    return Object.keys(value).reduce(function (sum, key) {
      return sum + (store().isUnsafeKey(key) ? 1 : 0) + countUnsafe(value[key], depth + 1);
    }, 0);
  }

  function validAnswer(value) {
    if (typeof value === "string") return value.length <= MAX_TEXT;
    if (!Array.isArray(value) || value.length > 200) return false;
    return value.every(function (item) {
      if (typeof item === "string") return item.length <= MAX_TEXT;
      return item !== null && typeof item === "object" && !Array.isArray(item) &&
        Object.keys(item).every(function (key) {
          return ID.test(key) && typeof item[key] === "string" && item[key].length <= MAX_TEXT;
        });
    });
  }

  /* Check a file's text; returns {answers, name, skipped, unsafe} or throws an error with .dutch. */
  function check(text) {
    var parsed;
    try { parsed = JSON.parse(text); } catch (error) {
      fail("Dit bestand kunnen we niet lezen. Het is geen back-up van het werkboek, of het is beschadigd. Er is niets veranderd.");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || parsed.format !== store().FORMAT) {
      fail("Dit bestand is geen back-up van het werkboek. Kies een bestand dat je met de knop 'Back-up downloaden' hebt gemaakt. Er is niets veranderd.");
    }
    if (typeof parsed.workbook === "string" && parsed.workbook !== storageKey()) {
      fail("Dit bestand is een back-up van een ander werkboek. Er is niets veranderd.");
    }
    if (typeof parsed.schema !== "number" || Math.floor(parsed.schema) !== parsed.schema || parsed.schema < 1) {
      fail("We herkennen de versie van dit bestand niet. Er is niets veranderd.");
    }
    if (parsed.schema > store().SCHEMA) {
      fail("Dit bestand is gemaakt met een nieuwere versie van het werkboek. Laad de pagina opnieuw en probeer het nog eens. Er is niets veranderd.");
    }
    if (parsed.answers === null || typeof parsed.answers !== "object" || Array.isArray(parsed.answers)) {
      fail("In dit bestand staan geen antwoorden die we kunnen lezen. Er is niets veranderd.");
    }
    var unsafe = countUnsafe(parsed, 0);
    var clean = store().sanitize(parsed);
    var ids = Object.keys(clean.answers || {});
    if (ids.length > MAX_ANSWERS) fail("In dit bestand staan te veel antwoorden. Het is geen back-up van het werkboek. Er is niets veranderd.");
    var answers = {};
    var skipped = 0;
    ids.forEach(function (id) {
      if (ID.test(id) && validAnswer(clean.answers[id])) answers[id] = clean.answers[id];
      else skipped += 1;
    });
    var name = clean.set && typeof clean.set.name === "string" ? clean.set.name.replace(/\s+/g, " ").trim().slice(0, 80) : "";
    return { answers: answers, name: name, skipped: skipped + unsafe, exported: clean.exported };
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  /* What importing would change in the active werkmap, per question of the workbook. */
  function compare(incoming, current) {
    var labels = {};
    var m = plan.manifest();
    (m.header || []).forEach(function (f) { labels[f.id] = f.label; });
    m.worksheets.forEach(function (sheet) { sheet.fields.forEach(function (f) { labels[f.id] = f.label; }); });
    var result = { added: [], changed: [], removed: [], unknown: 0, total: 0 };
    var ids = Object.keys(incoming).concat(Object.keys(current).filter(function (id) { return !(id in incoming); }));
    ids.forEach(function (id) {
      var now = plan.isAnswered(current[id]) ? current[id] : null;
      var then = plan.isAnswered(incoming[id]) ? incoming[id] : null;
      if (then !== null) result.total += 1;
      if (!labels[id]) { if (then !== null) result.unknown += 1; return; }
      if (now === null && then !== null) result.added.push(labels[id]);
      else if (now !== null && then === null) result.removed.push(labels[id]);
      else if (now !== null && !same(now, then)) result.changed.push(labels[id]);
    });
    return result;
  }

  function listOf(title, items) {
    var block = el("div", "wb-import-preview__group");
    block.appendChild(el("p", "wb-import-preview__heading", title + " (" + items.length + ")"));
    var list = el("ul", "");
    items.slice(0, 12).forEach(function (label) { list.appendChild(el("li", "", label)); });
    if (items.length > 12) list.appendChild(el("li", "", "en nog " + (items.length - 12) + " andere"));
    block.appendChild(list);
    return block;
  }

  function button(text, attribute, className) {
    var b = el("button", "wb-button " + (className || ""), text);
    b.type = "button";
    b.setAttribute(attribute, "");
    return b;
  }

  function showPreview(box, result) {
    var current = store().answers();
    var activeName = store().activeSet().name;
    var diff = compare(result.answers, current);
    box.textContent = "";
    box.appendChild(el("h4", "wb-import-preview__title", "Dit staat in het bestand"));
    var summary = "Werkmap " + (result.name ? "\"" + result.name + "\"" : "zonder naam") +
      (plan.formatMoment(result.exported) ? ", back-up van " + plan.formatMoment(result.exported) : "") +
      ", met " + diff.total + (diff.total === 1 ? " antwoord." : " antwoorden.");
    box.appendChild(el("p", "", summary));
    if (result.skipped) {
      box.appendChild(el("p", "wb-import-preview__warning",
        "Let op: " + result.skipped + (result.skipped === 1 ? " onderdeel" : " onderdelen") +
        " van dit bestand hoort niet in een back-up. Dat laten we weg."));
    }
    if (diff.unknown) {
      box.appendChild(el("p", "", diff.unknown + (diff.unknown === 1 ? " antwoord hoort" : " antwoorden horen") +
        " bij een vraag die niet meer in het werkboek staat. We bewaren ze wel."));
    }
    var intro = el("p", "", "Als je de antwoorden in werkmap ");
    intro.appendChild(el("strong", "wb-set-name", activeName));
    intro.appendChild(document.createTextNode(" vervangt, verandert dit:"));
    box.appendChild(intro);
    if (diff.added.length) box.appendChild(listOf("Nieuw ingevuld", diff.added));
    if (diff.changed.length) box.appendChild(listOf("Ander antwoord", diff.changed));
    if (diff.removed.length) box.appendChild(listOf("Leeg, want niet ingevuld in het bestand", diff.removed));
    if (!diff.added.length && !diff.changed.length && !diff.removed.length) {
      box.appendChild(el("p", "", "Niets: de antwoorden zijn hetzelfde."));
    }
    box.appendChild(el("p", "", "Kies wat je wilt doen. Je andere werkmappen blijven zoals ze zijn."));
    var actions = el("p", "wb-import-preview__actions");
    actions.appendChild(button("Zet terug als nieuwe werkmap", "data-wb-import-new", ""));
    actions.appendChild(document.createTextNode(" "));
    var replace = button("Vervang de antwoorden in werkmap ", "data-wb-import-replace", "wb-button--secondary");
    replace.appendChild(document.createTextNode(activeName));
    actions.appendChild(replace);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(button("Annuleren", "data-wb-import-cancel", "wb-button--secondary"));
    box.appendChild(actions);
    box.hidden = false;
    box.focus();
  }

  function resetImport(block) {
    pendingImport = null;
    var box = block.querySelector("[data-wb-import-preview]");
    box.hidden = true;
    box.textContent = "";
    var input = block.querySelector("[data-wb-import-file]");
    if (input) input.value = "";
  }

  function showError(block, text) {
    resetImport(block);
    block.querySelector("[data-wb-import-error]").textContent = text;
  }

  function onFile(event) {
    var input = event.target;
    if (!input.hasAttribute || !input.hasAttribute("data-wb-import-file")) return;
    var block = input.closest("[data-wb-sets]");
    var file = input.files && input.files[0];
    block.querySelector("[data-wb-import-error]").textContent = "";
    pendingImport = null;
    block.querySelector("[data-wb-import-preview]").hidden = true;
    if (!file) return;
    if (file.size > MAX_BYTES) {
      showError(block, "Dit bestand is te groot (" + (file.size / 1048576).toFixed(1).replace(".", ",") +
        " MB). Een back-up van het werkboek is kleiner dan 1 MB. Kies het juiste bestand. Er is niets veranderd.");
      return;
    }
    var reader = new FileReader();
    reader.onerror = function () { showError(block, "We konden dit bestand niet openen. Er is niets veranderd."); };
    reader.onload = function () {
      try {
        var result = check(String(reader.result));
        pendingImport = result;
        showPreview(block.querySelector("[data-wb-import-preview]"), result);
      } catch (error) {
        if (!error.dutch && window.console) console.error("Werkboek: import", error);
        showError(block, error.dutch ? error.message : "Dit bestand kunnen we niet gebruiken. Er is niets veranderd.");
      }
    };
    reader.readAsText(file);
  }

  function uniqueName(name) {
    var taken = store().sets().map(function (s) { return s.name; });
    var base = name || "Teruggezette werkmap";
    var candidate = base;
    for (var n = 2; taken.indexOf(candidate) !== -1; n += 1) candidate = base + " (" + n + ")";
    return candidate;
  }

  function onClick(event) {
    var target = event.target.closest && event.target.closest(
      "[data-wb-export-json], [data-wb-export-text], [data-wb-copy-text], [data-wb-import-new], [data-wb-import-replace], [data-wb-import-cancel]");
    if (!target) return;
    if (target.hasAttribute("data-wb-export-json")) return exportJson();
    if (target.hasAttribute("data-wb-export-text")) return exportText();
    if (target.hasAttribute("data-wb-copy-text")) return copyText();
    var block = target.closest("[data-wb-sets]");
    if (!block) return;
    var result = pendingImport;
    if (target.hasAttribute("data-wb-import-cancel") || !result) {
      resetImport(block);
      block.querySelector("[data-wb-import-error]").textContent = "";
      message("[data-wb-sets-message]", "Er is niets veranderd.");
      return;
    }
    var text;
    if (target.hasAttribute("data-wb-import-new")) {
      var name = uniqueName(result.name);
      store().createSet(name);
      store().replaceAnswers(result.answers);
      text = "De back-up staat nu in de nieuwe werkmap " + name + ". Je werkt nu in die werkmap.";
    } else {
      var activeName = store().activeSet().name;
      if (!window.confirm("Weet je zeker dat je de antwoorden in werkmap \"" + activeName + "\" wilt vervangen " +
          "door die uit het bestand? Dat kun je niet ongedaan maken.")) return;
      store().replaceAnswers(result.answers);
      text = "De antwoorden in werkmap " + activeName + " zijn vervangen door die uit de back-up.";
    }
    resetImport(block);
    Werkboek.refresh();
    message("[data-wb-sets-message]", text);
    var status = block.querySelector("[data-wb-sets-message]");
    if (status) { status.tabIndex = -1; status.focus(); }
  }

  document.addEventListener("change", onFile);
  document.addEventListener("click", onClick);

  Werkboek.transfer = { exportData: exportData, check: check, readableText: readableText, fileName: fileName };
})();
