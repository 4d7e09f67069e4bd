/* The plan as plain text (the readable export, for an e-mail or a Word document). */
Werkboek.define("planText", function (W) {
  "use strict";

  var t = W.texts.t;
  var model = W.answers;

  function indent(text, prefix) {
    return String(text).split(/\r?\n/).map(function (line) { return prefix + line; }).join("\n");
  }

  function underline(text, character) { return new Array(text.length + 1).join(character); }

  function textAnswer(sheet, field, answers, depth) {
    var value = answers[field.id];
    var pad = new Array(depth + 1).join("  ");
    var lines = [pad + field.label];
    if (!model.isAnswered(value)) {
      lines.push(pad + "  " + t("answer.none"));
    } else if (field.shape === "rows") {
      W.report.filledRows(value).forEach(function (row, index) {
        lines.push(pad + "  " + t("text.row", { n: index + 1 }));
        field.columns.forEach(function (column) {
          var text = W.plan.cellText(column, row[column.id]);
          if (text) lines.push(indent(W.util.colon(column.label) + " " + text, pad + "    "));
        });
      });
    } else if (field.shape === "list") {
      value.forEach(function (v) { lines.push(pad + "  - " + W.report.optionLabel(field.options, v)); });
    } else {
      lines.push(indent(W.plan.answerText(field, value), pad + "  "));
    }
    W.report.applicableChildren(sheet, field, value).forEach(function (child) {
      lines.push(textAnswer(sheet, child, answers, depth + 1));
    });
    return lines.join("\n");
  }

  /* The whole plan as text; answers to questions that are no longer in the workbook come last. */
  function planText(answers, setName) {
    var known = W.report.fieldsById();
    var out = [[W.workbook.title(), W.workbook.planTitle()].filter(Boolean).join(" – "),
               t("plan.set") + ": " + setName, t("text.made", { date: W.util.today() }), ""];
    W.workbook.header().forEach(function (field) {
      var value = answers[field.id];
      out.push(W.util.colon(field.label) + " " + (model.isAnswered(value) ? W.plan.answerText(field, value) : t("answer.none")));
    });
    W.workbook.worksheets().forEach(function (sheet) {
      out.push("", "", sheet.title.toUpperCase(), underline(sheet.title, "="));
      W.report.groups(sheet).forEach(function (group) {
        if (group.title) out.push("", group.title, underline(group.title, "-"));
        group.fields.forEach(function (field) { out.push("", textAnswer(sheet, field, answers, 0)); });
      });
    });
    var others = Object.keys(answers).filter(function (id) { return !known[id] && model.isAnswered(answers[id]); });
    if (others.length) {
      out.push("", "", t("text.others"), "");
      others.forEach(function (id) {
        var value = answers[id];
        out.push(id + ":", indent(typeof value === "string" ? value : JSON.stringify(value), "  "), "");
      });
    }
    return out.join("\n") + "\n";
  }

  return { planText: planText };
});
