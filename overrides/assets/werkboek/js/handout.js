/* The meeting handout ("Gespreksnotitie"): the few answers a workbook chose for the people you
 * meet (manifest.handout, from mkdocs.yml), on at most two A4 pages. compose() decides what it
 * holds; the print view below and the Word file (wordfile.js) are both made from it.
 * Unanswered parts are left out. User text only reaches the page through textContent.
 * Loaded when someone prints the handout or asks for a Word file.
 */
Werkboek.define("handout", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var model = W.answers;
  var TITLE_ROLES = ["organisation", "audience", "date", "contact"];

  /* Header fields by role, as {label, text}; the contact's label says what the name is for. */
  function titleBlock(answers) {
    return TITLE_ROLES.map(function (role) {
      var field = W.workbook.headerRole(role);
      var text = field ? W.plan.answerText(field, answers[field.id]) : "";
      if (!text.trim()) return null;
      return { label: role === "contact" ? t("handout.contact") : field.label, text: text };
    }).filter(Boolean);
  }

  /* A follow-up counts only under the answer that shows it, as on the worksheet. */
  function applies(field, answers, byId) {
    if (!field.parent) return true;
    var parent = byId[field.parent];
    var chosen = answers[field.parent];
    return !!parent && (Array.isArray(chosen) ? chosen : [chosen]).indexOf(field.when) !== -1 &&
      applies(parent, answers, byId);
  }

  /* One answer as {kind: "text" | "list" | "table", label, ...}; null when unanswered. Table
     columns nobody filled are left out. */
  function fieldItem(field, answers) {
    var value = answers[field.id];
    if (!model.isAnswered(value)) return null;
    if (field.shape === "rows") {
      var rows = W.report.filledRows(value);
      var columns = field.columns.filter(function (column) {
        return rows.some(function (row) { return W.plan.cellText(column, row[column.id]); });
      });
      return { kind: "table", label: field.label, header: columns.map(function (c) { return c.label; }),
               rows: rows.map(function (row) { return columns.map(function (c) { return W.plan.cellText(c, row[c.id]); }); }) };
    }
    if (field.shape === "list") {
      return { kind: "list", label: field.label,
               items: value.map(function (v) { return W.report.optionLabel(field.options, v); }) };
    }
    return { kind: "text", label: field.label, text: W.plan.answerText(field, value) };
  }

  /* A worksheet's verdicts as a table: step, then symbol and words (readable without colour).
     judgedOnly: leave out the steps without a verdict. null when no step is left. */
  function diagnosisTable(sheet, answers, judgedOnly) {
    var steps = W.diagnosis.diagnosisOf(sheet, answers).filter(function (step) { return step.verdict || !judgedOnly; });
    if (!steps.length) return null;
    return { kind: "table", label: "", header: [t("handout.step"), t("handout.verdict")],
             tones: steps.map(function (step) { return step.verdict ? step.verdict.tone : "none"; }),
             rows: steps.map(function (step) {
               var tone = step.verdict ? step.verdict.tone : "none";
               return [step.section.title, W.diagnosis.symbol(tone) + " " + W.diagnosis.verdictText(step)];
             }) };
  }

  /* {title, intro, meta: [{label, text}], parts: [{title, items}]}; null without a handout. */
  function compose(answers) {
    var handout = W.workbook.manifest().handout;
    if (!handout) return null;
    var byId = W.report.fieldsById();
    var parts = handout.parts.map(function (part) {
      var items;
      if (part.diagnosis) {
        var sheet = W.workbook.sheet(part.diagnosis);
        items = [sheet && diagnosisTable(sheet, answers, true)];
      } else {
        items = part.fields.map(function (id) {
          var field = byId[id];
          var item = field && applies(field, answers, byId) ? fieldItem(field, answers) : null;
          // One question: the part's title says what it is. Several: each answer under its question.
          if (item && part.fields.length === 1) item.label = "";
          return item;
        });
      }
      items = items.filter(Boolean);
      return items.length ? { title: part.title, items: items } : null;
    }).filter(Boolean);
    // The filled example says so on paper and in Word too: it must never pass for real answers.
    var example = W.store.activeSet().example ? t("example.mark") : "";
    return { title: handout.title, example: example, intro: handout.intro || "", meta: titleBlock(answers), parts: parts };
  }

  // -- The print view ----------------------------------------------------------------------------

  function tableOf(item) {
    var table = el("table", "wb-handout__table");
    if (item.header.length) {
      var head = table.createTHead().insertRow();
      item.header.forEach(function (text) {
        var th = el("th", "", text);
        th.scope = "col";
        head.appendChild(th);
      });
    }
    var body = table.createTBody();
    item.rows.forEach(function (cells, index) {
      var tr = body.insertRow();
      if (item.tones) tr.className = "wb-handout__verdict wb-handout__verdict--" + item.tones[index];
      cells.forEach(function (text) { tr.appendChild(el("td", "wb-answer-text", text)); });
    });
    return table;
  }

  function itemElement(item) {
    if (item.kind === "table") return tableOf(item);
    if (item.kind === "list") {
      var list = el("ul", "wb-handout__list");
      item.items.forEach(function (text) { list.appendChild(el("li", "", text)); });
      return list;
    }
    return el("p", "wb-handout__text wb-answer-text", item.text);
  }

  function render(box, answers) {
    var made = compose(answers);
    box.textContent = "";
    if (!made) return;
    var head = el("header", "wb-handout__head");
    head.appendChild(el("h1", "wb-handout__title", made.title));
    if (made.example) head.appendChild(el("p", "wb-handout__example", made.example));
    if (made.meta.length) {
      var meta = el("dl", "wb-handout__meta");
      made.meta.forEach(function (entry) {
        meta.appendChild(el("dt", "", entry.label));
        meta.appendChild(el("dd", "wb-answer-text", entry.text));
      });
      head.appendChild(meta);
    }
    if (made.intro) head.appendChild(el("p", "wb-handout__intro", made.intro));
    box.appendChild(head);
    made.parts.forEach(function (part) {
      var section = el("section", "wb-handout__part");
      section.appendChild(el("h2", "wb-handout__part-title", part.title));
      part.items.forEach(function (item) {
        if (item.label) section.appendChild(el("p", "wb-handout__label", item.label));
        section.appendChild(itemElement(item));
      });
      box.appendChild(section);
    });
  }

  /* The print view (paper.js): the handout with the answers of now, titled as the handout. */
  function printView(box) {
    render(box, W.progress.answersNow());
    return W.workbook.manifest().handout.title;
  }

  return { compose: compose, printView: printView, diagnosisTable: diagnosisTable };
});
