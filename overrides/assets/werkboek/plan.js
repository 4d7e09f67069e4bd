/* "Mijn plan": the answers of the active werkmap as a readable plan, progress per worksheet,
 * the diagnosis of worksheet 2 and printing (the plan, worksheets with their answers, blank forms).
 *
 * Reads window.WerkboekManifest (every worksheet and question in workbook order) and
 * Werkboek.store (the answers). User text only ever reaches the page through textContent.
 * Loads before werkboek.js; runs after each page's answers are restored (Werkboek.pageHooks).
 */
(function () {
  "use strict";

  var Werkboek = window.Werkboek = window.Werkboek || {};
  var script = document.currentScript;
  var planUrl = (script && script.getAttribute("data-wb-plan-url")) || "";
  var SITE_TITLE = "Werkboek Digitale Inclusie";
  var UNANSWERED = "Nog niet ingevuld";
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december"];
  // A self-assessment per step is a choice field "<section id>-oordeel" with these answers.
  var VERDICTS = {
    "op-orde": { text: "Op orde", symbol: "✓", tone: "good" },
    "deels": { text: "Deels op orde", symbol: "◐", tone: "partly" },
    "nog-niet-inzichtelijk": { text: "Nog niet inzichtelijk", symbol: "✗", tone: "open" }
  };
  var NO_VERDICT = { text: "Nog niet beoordeeld", symbol: "–", tone: "none" };

  // -- Small helpers -----------------------------------------------------------------------------

  function manifest() {
    var m = window.WerkboekManifest;
    return m && Array.isArray(m.worksheets) ? m : { header: [], worksheets: [] };
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  var isAnswered = Werkboek.fields.isAnswered;

  /* The site root as an absolute URL: mkdocs-material's __md_scope, else its config.base. */
  function siteRoot() {
    if (window.__md_scope instanceof URL) return window.__md_scope.href;
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (error) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }

  function siteUrl(path, hash) {
    var url = new URL(path || "", siteRoot());
    if (hash) url.hash = hash;
    return url.href;
  }

  function fieldUrl(sheet, fieldId) { return siteUrl(sheet.url, "wb-" + fieldId + "--veld"); }

  /* "2024-03-07" -> "7 maart 2024"; anything else is shown as it was typed. */
  function formatDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return value;
    return Number(match[3]) + " " + MONTHS[Number(match[2]) - 1] + " " + match[1];
  }

  function formatMoment(iso) {
    var date = iso ? new Date(iso) : null;
    if (!date || isNaN(date.getTime())) return "";
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  function today() { return formatMoment(new Date().toISOString()); }

  function optionLabel(options, value) {
    var found = (options || []).filter(function (option) { return option.value === value; })[0];
    return found ? found.label : String(value);
  }

  function answersNow() {
    try { return Werkboek.store ? Werkboek.store.answers() : {}; } catch (error) { return {}; }
  }

  function activeSetName() {
    try { return Werkboek.store ? Werkboek.store.activeSet().name : ""; } catch (error) { return ""; }
  }

  function sheetTitle(sheet, index) { return "Werkblad " + (index + 1) + ": " + sheet.title; }

  // -- The model: what each question shows, shared by the plan, the text export and progress ---

  function topFields(sheet) { return sheet.fields.filter(function (f) { return !f.parent; }); }

  function childrenOf(sheet, field) {
    return sheet.fields.filter(function (f) { return f.parent === field.id; });
  }

  /* Follow-ups that apply to the given answer: the ones under the chosen option(s). */
  function applicableChildren(sheet, field, value) {
    var chosen = Array.isArray(value) ? value : [value];
    return childrenOf(sheet, field).filter(function (child) { return chosen.indexOf(child.when) !== -1; });
  }

  /* Table rows that hold at least one answer. */
  function filledRows(value) {
    if (!Array.isArray(value)) return [];
    return value.filter(function (row) {
      return row && typeof row === "object" && Object.keys(row).some(function (key) { return isAnswered(row[key]); });
    });
  }

  function cellText(column, value) {
    if (typeof value !== "string" || !value.trim()) return "";
    if (column.kind === "choice") return optionLabel(column.options, value);
    if (column.kind === "date") return formatDate(value);
    return value;
  }

  /* Plain text of a simple answer (not a table); "" when unanswered. */
  function answerText(field, value) {
    if (!isAnswered(value)) return "";
    if (field.kind === "multi") {
      return (Array.isArray(value) ? value : []).map(function (v) { return optionLabel(field.options, v); }).join(", ");
    }
    if (field.kind === "yesno" || field.kind === "choice") return optionLabel(field.options, value);
    if (field.kind === "date") return formatDate(value);
    return typeof value === "string" ? value : "";
  }

  /* Sections of a sheet with their top-level fields, in page order. Fields before the first
     section (or in sheets without sections) form a group without a title. */
  function groups(sheet) {
    var titles = {};
    (sheet.sections || []).forEach(function (s) { titles[s.id] = s.title; });
    var result = [];
    topFields(sheet).forEach(function (field) {
      var last = result[result.length - 1];
      if (!last || last.id !== (field.section || "")) {
        last = { id: field.section || "", title: titles[field.section] || "", fields: [] };
        result.push(last);
      }
      last.fields.push(field);
    });
    return result;
  }

  function progressOf(sheet, answers) {
    var questions = topFields(sheet);
    var done = questions.filter(function (f) { return isAnswered(answers[f.id]); }).length;
    var state = done === 0 ? "nieuw" : done === questions.length ? "klaar" : "bezig";
    var text = state === "nieuw" ? "Nog niet begonnen"
      : state === "klaar" ? "Ingevuld" : "Bezig (" + done + " van " + questions.length + ")";
    return { done: done, total: questions.length, state: state, text: text };
  }

  /* Steps with a self-assessment ("<section>-oordeel"), each with its verdict and open questions. */
  function diagnosisOf(sheet, answers) {
    var byId = {};
    sheet.fields.forEach(function (f) { byId[f.id] = f; });
    return (sheet.sections || []).filter(function (s) { return byId[s.id + "-oordeel"]; }).map(function (s) {
      var verdictField = byId[s.id + "-oordeel"];
      var value = answers[verdictField.id];
      var verdict = typeof value === "string" && has(VERDICTS, value) ? VERDICTS[value] : NO_VERDICT;
      var questions = topFields(sheet).filter(function (f) { return f.section === s.id && f !== verdictField; });
      var open = questions.filter(function (f) { return !isAnswered(answers[f.id]); });
      return { section: s, verdictField: verdictField, verdict: verdict, value: value,
               questions: questions, open: open };
    });
  }

  // -- Rendering the plan (DOM, textContent only) ------------------------------------------------

  function changeLink(sheet, field, label) {
    var link = el("a", "wb-summary__change", "Wijzigen");
    link.href = fieldUrl(sheet, field.id);
    link.appendChild(el("span", "wb-visually-hidden", ": " + label));
    return link;
  }

  function renderTable(field, rows) {
    var wrap = el("div", "wb-summary__table-wrap");
    var table = el("table", "wb-summary__table");
    var head = table.createTHead().insertRow();
    field.columns.forEach(function (column) {
      var th = el("th", "", column.label);
      th.scope = "col";
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      field.columns.forEach(function (column) {
        var td = tr.insertCell();
        td.className = "wb-answer-text";
        td.textContent = cellText(column, row[column.id]);
      });
    });
    wrap.appendChild(table);
    return wrap;
  }

  function renderAnswer(field, value) {
    if (!isAnswered(value)) return el("p", "wb-summary__empty", UNANSWERED);
    if (field.kind === "table") {
      var rows = filledRows(value);
      return rows.length ? renderTable(field, rows) : el("p", "wb-summary__empty", UNANSWERED);
    }
    if (field.kind === "multi") {
      var list = el("ul", "wb-summary__list");
      (Array.isArray(value) ? value : []).forEach(function (v) { list.appendChild(el("li", "", optionLabel(field.options, v))); });
      return list;
    }
    return el("div", "wb-answer-text", answerText(field, value));
  }

  function renderRow(list, sheet, field, answers, depth) {
    var value = answers[field.id];
    var row = el("div", "wb-summary__row" + (depth ? " wb-summary__row--followup" : "") +
      (field.kind === "table" ? " wb-summary__row--wide" : ""));
    row.setAttribute("data-wb-answer", field.id);
    row.setAttribute("data-wb-answered", isAnswered(value) ? "ja" : "nee");
    row.appendChild(el("dt", "wb-summary__question", field.label));
    var answer = el("dd", "wb-summary__answer");
    answer.appendChild(renderAnswer(field, value));
    row.appendChild(answer);
    var actions = el("dd", "wb-summary__actions");
    actions.appendChild(changeLink(sheet, field, field.label));
    row.appendChild(actions);
    list.appendChild(row);
    if (isAnswered(value) && (field.kind === "yesno" || field.kind === "choice" || field.kind === "multi")) {
      applicableChildren(sheet, field, value).forEach(function (child) { renderRow(list, sheet, child, answers, depth + 1); });
    }
  }

  function renderHeader(container, data) {
    var m = manifest();
    var firstSheet = m.worksheets[0];
    var block = el("section", "wb-plan__header");
    block.appendChild(el("h2", "wb-plan__title", "Plan digitale inclusie"));
    var list = el("dl", "wb-summary");
    var setRow = el("div", "wb-summary__row");
    setRow.appendChild(el("dt", "wb-summary__question", "Werkmap"));
    setRow.appendChild(el("dd", "wb-summary__answer", data.setName));
    setRow.appendChild(el("dd", "wb-summary__actions"));
    list.appendChild(setRow);
    (m.header || []).forEach(function (field) {
      var value = data.answers[field.id];
      var row = el("div", "wb-summary__row");
      row.setAttribute("data-wb-answer", field.id);
      row.setAttribute("data-wb-answered", isAnswered(value) ? "ja" : "nee");
      row.appendChild(el("dt", "wb-summary__question", field.label));
      var answer = el("dd", "wb-summary__answer");
      answer.appendChild(isAnswered(value) ? el("span", "wb-answer-text", answerText(field, value))
                                           : el("span", "wb-summary__empty", UNANSWERED));
      row.appendChild(answer);
      var actions = el("dd", "wb-summary__actions");
      if (firstSheet) actions.appendChild(changeLink(firstSheet, field, field.label));
      row.appendChild(actions);
      list.appendChild(row);
    });
    block.appendChild(list);
    container.appendChild(block);
  }

  function renderDiagnosis(container, sheet, answers, withOpenPoints) {
    var steps = diagnosisOf(sheet, answers);
    if (!steps.length) return false;
    var list = el("ol", "wb-diagnosis");
    steps.forEach(function (step) {
      var item = el("li", "wb-diagnosis__step wb-diagnosis__step--" + step.verdict.tone);
      item.appendChild(el("span", "wb-diagnosis__title", step.section.title));
      var verdict = el("span", "wb-diagnosis__verdict");
      verdict.appendChild(el("span", "wb-diagnosis__symbol", step.verdict.symbol)).setAttribute("aria-hidden", "true");
      verdict.appendChild(el("span", "", "Jouw oordeel: " + step.verdict.text));
      item.appendChild(verdict);
      var answered = step.questions.length - step.open.length;
      item.appendChild(el("span", "wb-diagnosis__count", answered + " van " + step.questions.length + " vragen beantwoord"));
      list.appendChild(item);
    });
    container.appendChild(list);
    if (!withOpenPoints) return true;

    var points = steps.filter(function (step) { return step.value !== "op-orde" || step.open.length; });
    container.appendChild(el("h3", "wb-plan__subtitle", "Verbeterpunten"));
    if (!points.length) {
      container.appendChild(el("p", "", "Je hebt alle stappen beoordeeld als op orde en alle vragen beantwoord."));
      return true;
    }
    container.appendChild(el("p", "", "Deze stappen en vragen zijn nog niet op orde of nog open. " +
      "Hier kun je je dienstverlening verder ontwikkelen."));
    var pointList = el("ul", "wb-improvements");
    points.forEach(function (step) {
      var item = el("li", "wb-improvements__step");
      item.appendChild(el("strong", "", step.section.title));
      item.appendChild(document.createTextNode(" – jouw oordeel: " + step.verdict.text.toLowerCase() + "."));
      if (step.open.length) {
        var open = el("ul", "wb-improvements__open");
        step.open.forEach(function (field) {
          var li = el("li", "", "Nog open: " + field.label + " ");
          li.appendChild(changeLink(sheet, field, field.label));
          open.appendChild(li);
        });
        item.appendChild(open);
      }
      pointList.appendChild(item);
    });
    container.appendChild(pointList);
    return true;
  }

  function renderPlan(container) {
    var m = manifest();
    var answers = answersNow();
    var data = { answers: answers, setName: activeSetName() };
    container.textContent = "";
    renderHeader(container, data);
    m.worksheets.forEach(function (sheet, index) {
      var block = el("section", "wb-plan__sheet");
      block.setAttribute("data-wb-plan-sheet", sheet.id);
      var heading = el("h2", "wb-plan__sheet-title");
      var link = el("a", "", sheetTitle(sheet, index));
      link.href = siteUrl(sheet.url);
      heading.appendChild(link);
      block.appendChild(heading);
      block.appendChild(el("p", "wb-plan__sheet-status", progressOf(sheet, answers).text));
      groups(sheet).forEach(function (group) {
        if (group.title) block.appendChild(el("h3", "wb-plan__subtitle", group.title));
        var list = el("dl", "wb-summary");
        group.fields.forEach(function (field) { renderRow(list, sheet, field, answers, 0); });
        block.appendChild(list);
      });
      var diagnosis = el("section", "wb-plan__diagnosis");
      diagnosis.appendChild(el("h3", "wb-plan__subtitle", "Diagnose in één oogopslag"));
      if (renderDiagnosis(diagnosis, sheet, answers, true)) block.appendChild(diagnosis);
      container.appendChild(block);
    });
  }

  // -- Plain text: the readable export (for an e-mail or a Word document) -------------------------

  function indent(text, prefix) {
    return String(text).split(/\r?\n/).map(function (line) { return prefix + line; }).join("\n");
  }

  function textAnswer(sheet, field, answers, depth) {
    var value = answers[field.id];
    var pad = new Array(depth + 1).join("  ");
    var lines = [pad + field.label];
    if (!isAnswered(value)) {
      lines.push(pad + "  " + UNANSWERED);
    } else if (field.kind === "table") {
      filledRows(value).forEach(function (row, index) {
        lines.push(pad + "  Rij " + (index + 1) + ":");
        field.columns.forEach(function (column) {
          var text = cellText(column, row[column.id]);
          if (text) lines.push(indent(column.label + ": " + text, pad + "    "));
        });
      });
    } else if (field.kind === "multi") {
      value.forEach(function (v) { lines.push(pad + "  - " + optionLabel(field.options, v)); });
    } else {
      lines.push(indent(answerText(field, value), pad + "  "));
    }
    var text = lines.join("\n");
    if (isAnswered(value) && (field.kind === "yesno" || field.kind === "choice" || field.kind === "multi")) {
      applicableChildren(sheet, field, value).forEach(function (child) {
        text += "\n" + textAnswer(sheet, child, answers, depth + 1);
      });
    }
    return text;
  }

  function planText(answers, setName) {
    var m = manifest();
    var known = {};
    var out = [SITE_TITLE + " – plan digitale inclusie", "Werkmap: " + setName, "Gemaakt op: " + today(), ""];
    (m.header || []).forEach(function (field) {
      known[field.id] = true;
      out.push(field.label + ": " + (isAnswered(answers[field.id]) ? answerText(field, answers[field.id]) : UNANSWERED));
    });
    m.worksheets.forEach(function (sheet, index) {
      sheet.fields.forEach(function (f) { known[f.id] = true; });
      var title = sheetTitle(sheet, index);
      out.push("", "", title.toUpperCase(), new Array(title.length + 1).join("="));
      groups(sheet).forEach(function (group) {
        if (group.title) out.push("", group.title, new Array(group.title.length + 1).join("-"));
        group.fields.forEach(function (field) { out.push("", textAnswer(sheet, field, answers, 0)); });
      });
    });
    var others = Object.keys(answers).filter(function (id) { return !known[id] && isAnswered(answers[id]); });
    if (others.length) {
      out.push("", "", "ANTWOORDEN BIJ VRAGEN DIE NIET MEER IN HET WERKBOEK STAAN", "");
      others.forEach(function (id) {
        var value = answers[id];
        out.push(id + ":", indent(typeof value === "string" ? value : JSON.stringify(value), "  "), "");
      });
    }
    return out.join("\n") + "\n";
  }

  // -- Progress: task list, worksheet status line, diagnosis on the worksheet --------------------

  function renderProgress(block) {
    var list = block.querySelector("[data-wb-progress-list]");
    if (!list) return;
    var answers = answersNow();
    list.textContent = "";
    manifest().worksheets.forEach(function (sheet, index) {
      var progress = progressOf(sheet, answers);
      var item = el("li", "wb-tasks__item");
      item.setAttribute("data-wb-progress-sheet", sheet.id);
      var link = el("a", "wb-tasks__link", sheetTitle(sheet, index));
      link.href = siteUrl(sheet.url);
      var statusId = "wb-voortgang-" + sheet.id;
      link.setAttribute("aria-describedby", statusId);
      var status = el("strong", "wb-tag wb-tag--" + progress.state, progress.text);
      status.id = statusId;
      item.appendChild(link);
      item.appendChild(status);
      list.appendChild(item);
    });
  }

  function renderWorksheetStatus(line) {
    var root = line.closest("[data-wb-worksheet]");
    var id = root && root.getAttribute("data-wb-worksheet");
    var sheet = manifest().worksheets.filter(function (s) { return s.id === id; })[0];
    if (!sheet) return;
    var progress = progressOf(sheet, answersNow());
    line.textContent = "";
    line.appendChild(document.createTextNode("Je werkt in werkmap "));
    line.appendChild(el("strong", "wb-set-name", activeSetName()));
    line.appendChild(document.createTextNode(". Je hebt " + progress.done + " van " + progress.total + " vragen beantwoord."));
    // Reassure only while it is true; otherwise the storage warning says what is wrong.
    if (Werkboek.store && !Werkboek.store.problem()) {
      line.appendChild(document.createTextNode(" Wat je invult, bewaart je browser meteen."));
    }
    if (planUrl) {
      line.appendChild(document.createTextNode(" "));
      var link = el("a", "wb-worksheet__sets-link", "Andere werkmap kiezen");
      link.href = siteUrl(planUrl, "wb-werkmappen");
      line.appendChild(link);
    }
    line.hidden = false;
    addWorksheetPrintButtons(root, sheet);
  }

  function addWorksheetPrintButtons(root, sheet) {
    if (root.querySelector("[data-wb-sheet-print]")) return;
    var bar = el("p", "wb-print-buttons");
    bar.setAttribute("data-wb-sheet-print", sheet.id);
    var withAnswers = el("button", "wb-button wb-button--secondary", "Werkblad afdrukken met antwoorden");
    withAnswers.type = "button";
    withAnswers.setAttribute("data-wb-print-page", "");
    var blank = el("button", "wb-button wb-button--secondary", "Leeg werkblad afdrukken");
    blank.type = "button";
    blank.setAttribute("data-wb-print-blank", sheet.id);
    bar.appendChild(withAnswers);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(blank);
    var status = root.querySelector("[data-wb-worksheet-status]");
    root.insertBefore(bar, status ? status.nextSibling : root.firstChild);
  }

  function renderDiagnosisBlock(block) {
    var body = block.querySelector("[data-wb-diagnosis-body]");
    var sheet = manifest().worksheets.filter(function (s) { return s.id === block.getAttribute("data-wb-diagnosis"); })[0];
    if (!body || !sheet) return;
    body.textContent = "";
    if (!renderDiagnosis(body, sheet, answersNow(), false)) {
      body.appendChild(el("p", "", "Dit werkblad heeft geen oordeel per stap."));
    }
  }

  // -- Printing ----------------------------------------------------------------------------------

  /* Text boxes print only their visible part, and one-line inputs cut long text. Just before
     printing, every text control gets a print-only copy of its text, so paper shows every answer
     in full. Made only then: keeping copies of every field in step on each keystroke is costly. */
  function syncPrintCopies(scope) {
    scope.querySelectorAll(".wb-field textarea, .wb-field input[type=text]").forEach(function (control) {
      var copy = control.nextElementSibling;
      if (!copy || !copy.hasAttribute("data-wb-print-copy")) {
        copy = el("div", "wb-print-copy");
        copy.setAttribute("data-wb-print-copy", "");
        copy.setAttribute("aria-hidden", "true");
        control.parentNode.insertBefore(copy, control.nextSibling);
      }
      copy.textContent = control.value;
      copy.classList.toggle("wb-print-copy--empty", !control.value.trim());
    });
  }

  function cssString(text) {
    return '"' + String(text).replace(/[^A-Za-z0-9 .,:()\-]/g, function (c) {
      return "\\" + c.charCodeAt(0).toString(16) + " ";
    }) + '"';
  }

  /* The footer line on every printed page: title, werkmap and print date (CSS page margin boxes). */
  function updatePrintFooter(what) {
    var style = document.getElementById("wb-print-footer-style");
    if (!style) {
      style = el("style");
      style.id = "wb-print-footer-style";
      document.head.appendChild(style);
    }
    var left = SITE_TITLE + " – " + what + (activeSetName() && what !== "leeg werkblad" ? " – werkmap " + activeSetName() : "");
    style.textContent = "@media print { @page { " +
      "@bottom-left { content: " + cssString(left) + "; font-size: 8pt; color: #333; } " +
      "@bottom-right { content: " + cssString("Afgedrukt op " + today() + " – pagina ") +
      " counter(page) " + cssString(" van ") + " counter(pages); font-size: 8pt; color: #333; } } }";
    var line = document.querySelector("[data-wb-print-footer]");
    if (line) line.textContent = left + " – afgedrukt op " + today();
  }

  function pageKind() {
    if (document.querySelector("[data-wb-plan]")) return "mijn plan";
    var h1 = document.querySelector(".md-content__inner h1");
    return h1 ? h1.textContent.replace(/¶/g, "").trim() : document.title;
  }

  // Blank forms: the questions of a worksheet on paper, with writing space sized to the question.

  function lines(count, className) {
    var box = el("div", "wb-blank__lines " + (className || ""));
    box.style.setProperty("--wb-lines", String(count));
    box.setAttribute("aria-hidden", "true");
    return box;
  }

  function blankBox(label) {
    var option = el("li", "wb-blank__option");
    option.appendChild(el("span", "wb-blank__box")).setAttribute("aria-hidden", "true");
    option.appendChild(document.createTextNode(label));
    return option;
  }

  function blankField(sheet, field, depth) {
    var block = el("div", "wb-blank__field" + (depth ? " wb-blank__field--followup" : ""));
    block.appendChild(el("p", "wb-blank__question", field.label));
    if (field.kind === "text") block.appendChild(lines(2));
    else if (field.kind === "date") block.appendChild(el("p", "wb-blank__date", "Datum: ____ – ____ – ________"));
    else if (field.kind === "long") block.appendChild(lines(field.rows + 2));
    else if (field.kind === "table") {
      var table = el("table", "wb-blank__table");
      var head = table.createTHead().insertRow();
      field.columns.forEach(function (column) {
        var th = el("th", "", column.label + (column.options ? " (" + column.options.map(function (o) { return o.label; }).join(" / ") + ")" : ""));
        th.scope = "col";
        head.appendChild(th);
      });
      var body = table.createTBody();
      var tall = field.columns.some(function (c) { return c.kind === "long"; });
      for (var i = 0; i < Math.max(field.rows, 4); i += 1) {
        var tr = body.insertRow();
        tr.className = tall ? "wb-blank__row wb-blank__row--tall" : "wb-blank__row";
        field.columns.forEach(function () { tr.insertCell(); });
      }
      block.appendChild(table);
    } else {
      var options = el("ul", "wb-blank__options");
      (field.options || []).forEach(function (option) { options.appendChild(blankBox(option.label)); });
      block.appendChild(options);
      if (field.kind === "multi") block.appendChild(el("p", "wb-blank__note", "Je mag meer dan één hokje aankruisen."));
      childrenOf(sheet, field).forEach(function (child) {
        var when = optionLabel(field.options, child.when);
        var followup = blankField(sheet, child, depth + 1);
        followup.insertBefore(el("p", "wb-blank__when", "Als je " + when.toLowerCase() + " hebt gekozen:"), followup.firstChild);
        block.appendChild(followup);
      });
    }
    return block;
  }

  function renderBlank(container, sheetId) {
    var m = manifest();
    container.textContent = "";
    m.worksheets.forEach(function (sheet, index) {
      if (sheetId && sheet.id !== sheetId) return;
      var block = el("section", "wb-blank__sheet");
      block.appendChild(el("h1", "wb-blank__title", sheetTitle(sheet, index)));
      var header = el("div", "wb-blank__header");
      (m.header || []).forEach(function (field) {
        var row = el("p", "wb-blank__header-row");
        row.appendChild(el("span", "wb-blank__header-label", field.label + ":"));
        row.appendChild(el("span", "wb-blank__header-line"));
        header.appendChild(row);
      });
      block.appendChild(header);
      groups(sheet).forEach(function (group) {
        if (group.title) block.appendChild(el("h2", "wb-blank__section", group.title));
        group.fields.forEach(function (field) { block.appendChild(blankField(sheet, field, 0)); });
      });
      container.appendChild(block);
    });
  }

  function blankContainer() {
    var container = document.querySelector("[data-wb-blank]");
    if (!container) {
      container = el("div", "wb-blank");
      container.setAttribute("data-wb-blank", "");
      container.setAttribute("aria-hidden", "true");
      (document.querySelector(".md-content__inner") || document.body).appendChild(container);
    }
    return container;
  }

  /* Print only the blank form(s): the page switches to blank mode until printing is over. */
  function printBlank(sheetId) {
    renderBlank(blankContainer(), sheetId);
    document.documentElement.classList.add("wb-print-blank");
    updatePrintFooter("leeg werkblad");
    window.print();
  }

  function printPage() {
    document.documentElement.classList.remove("wb-print-blank");
    updatePrintFooter(pageKind());
    window.print();
  }

  window.addEventListener("beforeprint", function () {
    syncPrintCopies(document);
    if (!document.documentElement.classList.contains("wb-print-blank")) updatePrintFooter(pageKind());
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("wb-print-blank");
    updatePrintFooter(pageKind());
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-wb-print-plan], [data-wb-print-page], [data-wb-print-blank]");
    if (!button) return;
    if (button.hasAttribute("data-wb-print-blank")) printBlank(button.getAttribute("data-wb-print-blank"));
    else printPage();
  });

  // -- Wiring ------------------------------------------------------------------------------------

  function renderAll(scope) {
    scope = scope || document;
    document.documentElement.classList.add("wb-js");
    // Leaving a page in blank mode (instant navigation) must not blank the next one.
    if (!scope.querySelector("[data-wb-blank]")) document.documentElement.classList.remove("wb-print-blank");
    scope.querySelectorAll("[data-wb-plan]").forEach(renderPlan);
    scope.querySelectorAll("[data-wb-print-plan], [data-wb-plan-tools] [data-wb-print-blank]").forEach(function (b) { b.hidden = false; });
    scope.querySelectorAll("[data-wb-progress]").forEach(renderProgress);
    scope.querySelectorAll("[data-wb-worksheet-status]").forEach(renderWorksheetStatus);
    scope.querySelectorAll("[data-wb-diagnosis]").forEach(renderDiagnosisBlock);
    updatePrintFooter(pageKind());
  }

  /* Run fn after each page's answers are restored (werkboek.js runs the queue). */
  function afterRestore(fn) { (Werkboek.pageHooks = Werkboek.pageHooks || []).push(fn); }

  afterRestore(renderAll);
  // Live: every saved change updates the counts and the diagnosis.
  document.addEventListener("werkboek:wijziging", function () {
    document.querySelectorAll("[data-wb-progress]").forEach(renderProgress);
    document.querySelectorAll("[data-wb-worksheet-status]").forEach(renderWorksheetStatus);
    document.querySelectorAll("[data-wb-diagnosis]").forEach(renderDiagnosisBlock);
  });

  Werkboek.plan = {
    manifest: manifest,
    afterRestore: afterRestore,
    renderAll: renderAll,
    planText: planText,
    isAnswered: isAnswered,
    formatMoment: formatMoment,
    planUrl: function () { return planUrl ? siteUrl(planUrl) : ""; },
    el: el
  };
})();
