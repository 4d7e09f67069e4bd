/* The plan page: every answer of the active werkmap as a readable plan (GOV.UK "check answers"),
 * with a "Wijzigen" link per question and the improvement points from the diagnosis.
 * User text only reaches the page through textContent.
 */
Werkboek.define("plan", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var model = W.answers;

  /* A worksheet's address, worked out once per page it links to (ids need no escaping in a hash). */
  var pageUrls = Object.create(null);
  function fieldUrl(sheet, fieldId) {
    if (!pageUrls[sheet.url]) pageUrls[sheet.url] = W.util.siteUrl(sheet.url);
    return pageUrls[sheet.url] + "#wb-" + fieldId + "--veld";
  }

  function changeLink(sheet, field) {
    var link = el("a", "wb-summary__change", t("answer.change"));
    link.href = fieldUrl(sheet, field.id);
    link.appendChild(el("span", "wb-visually-hidden", ": " + field.label));
    return link;
  }

  function cellText(column, value) {
    if (typeof value !== "string" || !value.trim()) return "";
    if (column.kind === "choice") return W.report.optionLabel(column.options, value);
    if (column.kind === "date") return W.util.formatDate(value);
    return value;
  }

  /* Plain text of an answer that is not a table; "" when unanswered. */
  function answerText(field, value) {
    if (!model.isAnswered(value)) return "";
    if (Array.isArray(value)) return value.map(function (v) { return W.report.optionLabel(field.options, v); }).join(", ");
    if (typeof value !== "string") return "";
    if (field.options && field.options.length) return W.report.optionLabel(field.options, value);
    if (field.kind === "date") return W.util.formatDate(value);
    return value;
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
    var empty = el("p", "wb-summary__empty", t("answer.none"));
    if (!model.isAnswered(value)) return empty;
    if (field.shape === "rows") {
      var rows = W.report.filledRows(value);
      return rows.length ? renderTable(field, rows) : empty;
    }
    if (field.shape === "list") {
      var list = el("ul", "wb-summary__list");
      value.forEach(function (v) { list.appendChild(el("li", "", W.report.optionLabel(field.options, v))); });
      return list;
    }
    return el("div", "wb-answer-text", answerText(field, value));
  }

  function summaryRow(field, value, className) {
    var row = el("div", "wb-summary__row" + (className || ""));
    row.setAttribute("data-wb-answer", field.id);
    row.setAttribute("data-wb-answered", model.isAnswered(value) ? "ja" : "nee");
    row.appendChild(el("dt", "wb-summary__question", field.label));
    var answer = el("dd", "wb-summary__answer");
    answer.appendChild(renderAnswer(field, value));
    row.appendChild(answer);
    row.appendChild(el("dd", "wb-summary__actions"));
    return row;
  }

  function renderRow(list, sheet, field, answers, depth) {
    var value = answers[field.id];
    var row = summaryRow(field, value, (depth ? " wb-summary__row--followup" : "") +
      (field.shape === "rows" ? " wb-summary__row--wide" : ""));
    row.lastChild.appendChild(changeLink(sheet, field));
    list.appendChild(row);
    W.report.applicableChildren(sheet, field, value).forEach(function (child) {
      renderRow(list, sheet, child, answers, depth + 1);
    });
  }

  function renderHeader(container, answers) {
    var firstSheet = W.workbook.worksheets()[0];
    var block = el("section", "wb-plan__header");
    block.appendChild(el("h2", "wb-plan__title", W.workbook.planTitle()));
    var list = el("dl", "wb-summary");
    var setRow = el("div", "wb-summary__row");
    setRow.appendChild(el("dt", "wb-summary__question", t("plan.set")));
    setRow.appendChild(el("dd", "wb-summary__answer", W.progress.activeSetName()));
    setRow.appendChild(el("dd", "wb-summary__actions"));
    list.appendChild(setRow);
    W.workbook.header().forEach(function (field) {
      var row = summaryRow(field, answers[field.id]);
      if (firstSheet) row.lastChild.appendChild(changeLink(firstSheet, field));
      list.appendChild(row);
    });
    block.appendChild(list);
    container.appendChild(block);
  }

  /* Steps not judged "good", or with open questions: where to improve. */
  function renderImprovements(container, sheet, answers) {
    var steps = W.diagnosis.diagnosisOf(sheet, answers);
    var points = steps.filter(function (step) { return !step.verdict || step.verdict.tone !== "good" || step.open.length; });
    container.appendChild(el("h3", "wb-plan__subtitle", t("improve.title")));
    if (!points.length) {
      container.appendChild(el("p", "", t("improve.none")));
      return;
    }
    container.appendChild(el("p", "", t("improve.intro")));
    var pointList = el("ul", "wb-improvements");
    points.forEach(function (step) {
      var item = el("li", "wb-improvements__step");
      item.appendChild(el("strong", "", step.section.title));
      item.appendChild(document.createTextNode(t("improve.verdict", { verdict: W.diagnosis.verdictText(step).toLowerCase() })));
      if (step.open.length) {
        var open = el("ul", "wb-improvements__open");
        step.open.forEach(function (field) {
          var li = el("li", "", t("improve.open", { label: field.label }));
          li.appendChild(changeLink(sheet, field));
          open.appendChild(li);
        });
        item.appendChild(open);
      }
      pointList.appendChild(item);
    });
    container.appendChild(pointList);
  }

  function renderSheet(sheet, answers) {
    var block = el("section", "wb-plan__sheet");
    block.setAttribute("data-wb-plan-sheet", sheet.id);
    var heading = el("h2", "wb-plan__sheet-title");
    var link = el("a", "", sheet.title);
    link.href = W.util.siteUrl(sheet.url);
    heading.appendChild(link);
    block.appendChild(heading);
    block.appendChild(el("p", "wb-plan__sheet-status", W.tasks.progressText(model.progressOf(sheet, answers))));
    W.report.groups(sheet).forEach(function (group) {
      if (group.title) block.appendChild(el("h3", "wb-plan__subtitle", group.title));
      var list = el("dl", "wb-summary");
      group.fields.forEach(function (field) { renderRow(list, sheet, field, answers, 0); });
      block.appendChild(list);
    });
    var diagnosis = el("section", "wb-plan__diagnosis");
    diagnosis.appendChild(el("h3", "wb-plan__subtitle", t("diagnosis.title")));
    if (W.diagnosis.renderDiagnosis(diagnosis, sheet, answers)) {
      renderImprovements(diagnosis, sheet, answers);
      block.appendChild(diagnosis);
    }
    return block;
  }

  function renderPlan(container) {
    var answers = W.progress.answersNow();
    container.textContent = "";
    renderHeader(container, answers);
    W.workbook.worksheets().forEach(function (sheet) { container.appendChild(renderSheet(sheet, answers)); });
  }

  W.onPage(function (scope) { scope.querySelectorAll("[data-wb-plan]").forEach(renderPlan); });

  /* Word files: the writer and the handout load at the first click. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-wb-word]");
    if (!button) return;
    var tools = button.closest("[data-wb-plan-tools]");
    W.load(["transfer", "word"], function () {
      W.wordfile.download(button.getAttribute("data-wb-word"), tools && tools.querySelector("[data-wb-word-message]"));
    });
  });

  return { answerText: answerText, cellText: cellText };
});
