/* Word files (.docx) of the handout and of all answers, made in the browser by docx.js from the
 * same data as the printed versions: handout.compose() and the plan's answer texts. Downloaded with
 * the back-up's file name (transfer.js) plus what the file is. Nothing is sent anywhere.
 * Loaded with the transfer bundle when someone asks for a Word file.
 */
Werkboek.define("wordfile", function (W) {
  "use strict";

  var t = W.texts.t;
  var model = W.answers;

  function itemBlocks(item) {
    if (item.kind === "table") return [{ type: "table", header: item.header, rows: item.rows }];
    if (item.kind === "list") return [{ type: "list", items: item.items }];
    return [{ type: "paragraph", text: item.text }];
  }

  function properties(answers, subject) {
    var organisation = W.workbook.headerRole("organisation");
    var creator = organisation ? W.plan.answerText(organisation, answers[organisation.id]) : "";
    return { creator: creator, subject: subject, language: "nl-NL" };
  }

  /* The handout: its title, the title block, then each part as a heading with its answers. */
  function handoutDocument(answers) {
    var made = W.handout.compose(answers);
    // The title block as a table without a header row: label and value side by side, compact.
    var blocks = made.example ? [{ type: "paragraph", text: made.example }] : [];
    if (made.meta.length) blocks.push({ type: "table", rows: made.meta.map(function (e) { return [e.label, e.text]; }) });
    if (made.intro) blocks.push({ type: "paragraph", text: made.intro, style: "note" });
    made.parts.forEach(function (part) {
      blocks.push({ type: "heading", level: 1, text: part.title });
      part.items.forEach(function (item) {
        if (item.label) blocks.push({ type: "heading", level: 2, text: item.label });
        blocks.push.apply(blocks, itemBlocks(item));
      });
    });
    return { title: made.title, properties: properties(answers, made.title), blocks: blocks };
  }

  /* One question with its answer (and the follow-ups that apply), as the plan shows it. */
  function answerBlocks(sheet, field, answers) {
    var value = answers[field.id];
    var blocks = [{ type: "heading", level: 3, text: field.label }];
    if (!model.isAnswered(value) || (field.shape === "rows" && !W.report.filledRows(value).length)) {
      blocks.push({ type: "paragraph", text: t("answer.none"), style: "empty" });
    } else if (field.shape === "rows") {
      blocks.push({ type: "table", header: field.columns.map(function (c) { return c.label; }),
                    rows: W.report.filledRows(value).map(function (row) {
                      return field.columns.map(function (c) { return W.plan.cellText(c, row[c.id]); });
                    }) });
    } else if (field.shape === "list") {
      blocks.push({ type: "list", items: value.map(function (v) { return W.report.optionLabel(field.options, v); }) });
    } else {
      blocks.push({ type: "paragraph", text: W.plan.answerText(field, value) });
    }
    W.report.applicableChildren(sheet, field, value).forEach(function (child) {
      blocks.push.apply(blocks, answerBlocks(sheet, child, answers));
    });
    return blocks;
  }

  /* All answers: the header, then every worksheet on a new page with its sections and diagnosis. */
  function planDocument(answers, setName) {
    var blocks = W.store.activeSet().example ? [{ type: "paragraph", text: t("example.mark") }] : [];
    blocks.push({ type: "paragraph", text: t("plan.set") + ": " + setName },
                { type: "paragraph", text: t("text.made", { date: W.util.today() }) });
    W.workbook.header().forEach(function (field) {
      var value = answers[field.id];
      blocks.push({ type: "paragraph", text: W.util.colon(field.label) + " " +
        (model.isAnswered(value) ? W.plan.answerText(field, value) : t("answer.none")) });
    });
    W.workbook.worksheets().forEach(function (sheet) {
      blocks.push({ type: "pagebreak" }, { type: "heading", level: 1, text: sheet.title });
      W.report.groups(sheet).forEach(function (group) {
        if (group.title) blocks.push({ type: "heading", level: 2, text: group.title });
        group.fields.forEach(function (field) { blocks.push.apply(blocks, answerBlocks(sheet, field, answers)); });
      });
      var diagnosis = W.handout.diagnosisTable(sheet, answers, false);
      if (diagnosis) blocks.push({ type: "heading", level: 2, text: t("diagnosis.title") }, itemBlocks(diagnosis)[0]);
    });
    var title = [W.workbook.title(), W.workbook.planTitle()].filter(Boolean).join(" – ");
    return { title: title, properties: properties(answers, W.workbook.planTitle()), blocks: blocks };
  }

  /* kind: "handout" or "plan". Tells the user in the message next to the buttons. */
  function download(kind, messageBox) {
    var answers = W.store.answers();
    var name = "";
    try {
      var handout = kind === "handout";
      var made = handout ? handoutDocument(answers) : planDocument(answers, W.store.activeSet().name);
      var kind = (handout ? made.title : W.workbook.planTitle()) + (W.store.activeSet().example ? " " + t("set.exampleTag") : "");
      name = W.transfer.fileName(answers, "docx", kind);
      W.transfer.download(name, W.docx.MIME, W.docx.build(made));
    } catch (error) {
      if (window.console) console.error("Werkboek: Word-bestand", error);
      name = "";
    }
    if (messageBox) messageBox.textContent = name ? t("word.done", { name: name }) : t("word.failed");
  }

  return { download: download, handoutDocument: handoutDocument, planDocument: planDocument };
});
