/* Export and import of a werkmap: a JSON back-up file (versioned, see README "Answers in the
 * browser"), a readable text version, and a checked import with a preview before anything changes.
 * Every imported answer is checked against its field in the manifest; wrong ones are left out and
 * counted, answers to questions the workbook no longer has are kept. Nothing is sent anywhere.
 */
Werkboek.define("transfer", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var storage = W.storage;
  var MAX_BYTES = 1024 * 1024; // a full werkmap is a few dozen kilobytes
  var MAX_ANSWERS = 2000;
  var ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var pendingImport = null; // checked, waiting for the user's choice

  function store() { return W.store; }

  function slug(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  }

  /* Today as 2026-03-14 (file names). */
  function isoDay() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  /* <storage key>[-<kind>]-<organisation>-<audience>-<date>.<ext>; the werkmap's name when both
     are empty. kind (e.g. the handout's title) tells apart files made from the same answers. */
  function fileName(answers, ext, kind) {
    var parts = ["organisation", "audience"].map(function (role) {
      var field = W.workbook.headerRole(role);
      var value = field && answers[field.id];
      return typeof value === "string" ? slug(value) : "";
    }).filter(Boolean);
    if (!parts.length) parts.push(slug(store().activeSet().name) || t("export.fileSet"));
    return [slug(W.workbook.storageKey()) || "werkboek", slug(kind)].filter(Boolean)
      .concat(parts, [isoDay()]).join("-") + "." + ext;
  }

  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
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

  /* Every stored answer of the active werkmap, also for questions that no longer exist. */
  function exportData() {
    return { format: storage.FORMAT, schema: storage.SCHEMA, workbook: W.workbook.storageKey(),
             set: { name: store().activeSet().name }, exported: new Date().toISOString(), answers: store().answers() };
  }

  function exportJson() {
    var data = exportData();
    download(fileName(data.answers, "json"), "application/json", JSON.stringify(data, null, 2) + "\n");
    store().markExported();
    message("[data-wb-export-message]", t("export.done"));
    W.refresh();
  }

  function readableText() { return W.planText.planText(store().answers(), store().activeSet().name); }

  function exportText() {
    download(fileName(store().answers(), "txt"), "text/plain;charset=utf-8", readableText());
    message("[data-wb-export-message]", t("export.textDone"));
  }

  function copyText() {
    var text = readableText();
    function done() { message("[data-wb-export-message]", t("export.copied")); }
    function fallback() {
      var area = el("textarea", "wb-visually-hidden");
      area.value = text;
      area.setAttribute("readonly", "");
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      document.body.removeChild(area);
      if (ok) done();
      else message("[data-wb-export-message]", t("export.copyFailed"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  // -- Import: check, preview, confirm -----------------------------------------------------------

  function fail(key) { var error = new Error(t(key)); error.dutch = true; throw error; }

  function countUnsafe(value, depth) {
    if (depth > 20 || value === null || typeof value !== "object") return 0;
    return Object.keys(value).reduce(function (sum, key) {
      return sum + (storage.isUnsafeKey(key) ? 1 : 0) + countUnsafe(value[key], depth + 1);
    }, 0);
  }

  function parseBackup(text) {
    var parsed;
    try { parsed = JSON.parse(text); } catch (error) { fail("import.unreadable"); }
    if (!W.util.isObject(parsed) || parsed.format !== storage.FORMAT) fail("import.notBackup");
    if (typeof parsed.workbook === "string" && parsed.workbook !== W.workbook.storageKey()) fail("import.otherWorkbook");
    if (typeof parsed.schema !== "number" || Math.floor(parsed.schema) !== parsed.schema || parsed.schema < 1) fail("import.version");
    if (parsed.schema > storage.SCHEMA) fail("import.newer");
    if (!W.util.isObject(parsed.answers)) fail("import.noAnswers");
    return parsed;
  }

  /* A file's text -> {answers, name, exported, skipped, wrong}; throws an error with .dutch. */
  function check(text) {
    var parsed = parseBackup(text);
    var unsafe = countUnsafe(parsed, 0);
    var clean = storage.sanitize(parsed);
    var ids = Object.keys(clean.answers);
    if (ids.length > MAX_ANSWERS) fail("import.tooMany");
    var wellNamed = {};
    ids.forEach(function (id) { if (ID.test(id)) wellNamed[id] = clean.answers[id]; });
    var migrated = W.answers.migrate(wellNamed, W.workbook.renames()).answers;
    var checked = W.checks.check(migrated, W.report.fieldsById());
    var name = clean.set && typeof clean.set.name === "string" ? W.storesets.cleanName(clean.set.name) : "";
    // only a text is a moment: new Date() on an object such as {"toString": 1} throws
    var exported = typeof clean.exported === "string" ? clean.exported : "";
    return { answers: checked.answers, name: name, exported: exported, wrong: checked.wrong,
             skipped: ids.length - Object.keys(wellNamed).length + unsafe };
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  /* What importing would change in the active werkmap, per question of the workbook. */
  function compare(incoming, current) {
    var known = W.report.fieldsById();
    var isAnswered = W.answers.isAnswered;
    var result = { added: [], changed: [], removed: [], unknown: 0, total: 0 };
    var ids = Object.keys(incoming).concat(Object.keys(current).filter(function (id) { return !(id in incoming); }));
    ids.forEach(function (id) {
      var now = isAnswered(current[id]) ? current[id] : null;
      var then = isAnswered(incoming[id]) ? incoming[id] : null;
      if (then !== null) result.total += 1;
      if (!known[id]) { if (then !== null) result.unknown += 1; return; }
      var label = known[id].label;
      if (now === null && then !== null) result.added.push(label);
      else if (now !== null && then === null) result.removed.push(label);
      else if (now !== null && !same(now, then)) result.changed.push(label);
    });
    return result;
  }

  function listOf(title, items) {
    var block = el("div", "wb-import-preview__group");
    block.appendChild(el("p", "wb-import-preview__heading", title + " (" + items.length + ")"));
    var list = el("ul", "");
    items.slice(0, 12).forEach(function (label) { list.appendChild(el("li", "", label)); });
    if (items.length > 12) list.appendChild(el("li", "", t("import.more", { count: items.length - 12 })));
    block.appendChild(list);
    return block;
  }

  function button(text, attribute, className) {
    var b = el("button", "wb-button " + (className || ""), text);
    b.type = "button";
    b.setAttribute(attribute, "");
    return b;
  }

  function counted(key, count, one, many, verbOne, verbMany, extra) {
    var values = { count: count, answerUnit: t(count === 1 ? one : many), partUnit: t(count === 1 ? one : many) };
    values[extra] = t(count === 1 ? verbOne : verbMany);
    return t(key, values);
  }

  function previewSummary(box, result, diff) {
    var date = W.util.formatMoment(result.exported);
    box.appendChild(el("p", "", t("import.summary", {
      name: result.name ? "\"" + result.name + "\"" : t("import.noName"),
      date: date ? t("import.ofDate", { date: date }) : "",
      count: diff.total, answerUnit: t(diff.total === 1 ? "import.answer" : "import.answers") })));
    if (result.skipped) {
      box.appendChild(el("p", "wb-import-preview__warning", counted("import.skipped", result.skipped,
        "import.part", "import.parts", "import.partVerb", "import.partsVerb", "partVerb")));
    }
    if (result.wrong) {
      box.appendChild(el("p", "wb-import-preview__warning", counted("import.wrong", result.wrong,
        "import.answer", "import.answers", "import.answerVerb", "import.answersVerb", "answerVerb")));
    }
    if (diff.unknown) {
      box.appendChild(el("p", "", counted("import.unknown", diff.unknown,
        "import.answer", "import.answers", "import.belongVerb", "import.belongsVerb", "belongVerb")));
    }
  }

  function showPreview(box, result) {
    var activeName = store().activeSet().name;
    var diff = compare(result.answers, store().answers());
    box.textContent = "";
    box.appendChild(el("h4", "wb-import-preview__title", t("import.title")));
    previewSummary(box, result, diff);
    var intro = el("p", "", t("import.intro"));
    intro.appendChild(el("strong", "wb-set-name", activeName));
    intro.appendChild(document.createTextNode(t("import.introEnd")));
    box.appendChild(intro);
    if (diff.added.length) box.appendChild(listOf(t("import.added"), diff.added));
    if (diff.changed.length) box.appendChild(listOf(t("import.changed"), diff.changed));
    if (diff.removed.length) box.appendChild(listOf(t("import.removed"), diff.removed));
    if (!diff.added.length && !diff.changed.length && !diff.removed.length) box.appendChild(el("p", "", t("import.same")));
    box.appendChild(el("p", "", t("import.choose")));
    var actions = el("p", "wb-import-preview__actions");
    actions.appendChild(button(t("import.asNew"), "data-wb-import-new", ""));
    actions.appendChild(document.createTextNode(" "));
    var replace = button(t("import.replace"), "data-wb-import-replace", "wb-button--secondary");
    replace.appendChild(document.createTextNode(activeName));
    actions.appendChild(replace);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(button(t("import.cancel"), "data-wb-import-cancel", "wb-button--secondary"));
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

  function readFile(input) {
    var block = input.closest("[data-wb-sets]");
    var file = input.files && input.files[0];
    block.querySelector("[data-wb-import-error]").textContent = "";
    pendingImport = null;
    block.querySelector("[data-wb-import-preview]").hidden = true;
    if (!file) return;
    if (file.size > MAX_BYTES) {
      showError(block, t("import.tooBig", { size: (file.size / 1048576).toFixed(1).replace(".", ",") }));
      return;
    }
    var reader = new FileReader();
    reader.onerror = function () { showError(block, t("import.cannotOpen")); };
    reader.onload = function () {
      try {
        pendingImport = check(String(reader.result));
        showPreview(block.querySelector("[data-wb-import-preview]"), pendingImport);
      } catch (error) {
        if (!error.dutch && window.console) console.error("Werkboek: import", error);
        showError(block, error.dutch ? error.message : t("import.cannotUse"));
      }
    };
    reader.readAsText(file);
  }

  function uniqueName(name) {
    var taken = store().sets().map(function (s) { return s.name; });
    var base = name || t("set.restored");
    var candidate = base;
    for (var n = 2; taken.indexOf(candidate) !== -1; n += 1) candidate = base + " (" + n + ")";
    return candidate;
  }

  function finishImport(block, text) {
    resetImport(block);
    W.refresh();
    message("[data-wb-sets-message]", text);
    var status = block.querySelector("[data-wb-sets-message]");
    if (status) { status.tabIndex = -1; status.focus(); }
  }

  function importCancel(target) {
    var block = target.closest("[data-wb-sets]");
    resetImport(block);
    block.querySelector("[data-wb-import-error]").textContent = "";
    message("[data-wb-sets-message]", t("import.cancelled"));
  }

  function importAsNew(target) {
    if (!pendingImport) return importCancel(target);
    var result = pendingImport;
    var name = uniqueName(result.name);
    var block = target.closest("[data-wb-sets]");
    var previous = store().activeSet().id;
    var id = store().createSet(name);
    if (!id || !store().replaceAnswers(result.answers)) {
      // storage is full: no half-made werkmap, the user goes on where they were
      if (id) { store().deleteSet(id); store().switchSet(previous); }
      return finishImport(block, t("import.full"));
    }
    finishImport(block, t("import.newDone", { name: name }));
  }

  function importReplace(target) {
    if (!pendingImport) return importCancel(target);
    var result = pendingImport;
    var activeName = store().activeSet().name;
    if (!window.confirm(t("import.confirmReplace", { name: activeName }))) return;
    if (!store().replaceAnswers(result.answers)) return finishImport(target.closest("[data-wb-sets]"), t("import.full"));
    finishImport(target.closest("[data-wb-sets]"), t("import.replaced", { name: activeName }));
  }

  return { exportJson: exportJson, exportText: exportText, copyText: copyText, readFile: readFile,
           importAsNew: importAsNew, importReplace: importReplace, importCancel: importCancel,
           check: check, exportData: exportData, fileName: fileName, download: download };
});
