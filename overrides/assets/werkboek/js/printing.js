/* Blank forms: a worksheet's questions on paper with writing space sized to the question.
 * Loaded only when someone prints a blank form (paper.js).
 */
Werkboek.define("printing", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;

  function lines(count) {
    var box = el("div", "wb-blank__lines");
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

  function blankTable(field) {
    var table = el("table", "wb-blank__table");
    var head = table.createTHead().insertRow();
    field.columns.forEach(function (column) {
      var choices = column.options ? " (" + column.options.map(function (o) { return o.label; }).join(" / ") + ")" : "";
      var th = el("th", "", column.label + choices);
      th.scope = "col";
      head.appendChild(th);
    });
    var body = table.createTBody();
    var tall = field.columns.some(function (c) { return c.kind === "long"; });
    for (var i = 0; i < Math.max(field.rows || 0, 4); i += 1) {
      var tr = body.insertRow();
      tr.className = tall ? "wb-blank__row wb-blank__row--tall" : "wb-blank__row";
      field.columns.forEach(function () { tr.insertCell(); });
    }
    return table;
  }

  function blankChoices(block, sheet, field, depth) {
    var options = el("ul", "wb-blank__options");
    (field.options || []).forEach(function (option) { options.appendChild(blankBox(option.label)); });
    block.appendChild(options);
    if (field.shape === "list") block.appendChild(el("p", "wb-blank__note", t("blank.multi")));
    W.report.childrenOf(sheet, field).forEach(function (child) {
      var when = W.report.optionLabel(field.options, child.when).toLowerCase();
      var followup = blankField(sheet, child, depth + 1);
      followup.insertBefore(el("p", "wb-blank__when", t("blank.when", { option: when })), followup.firstChild);
      block.appendChild(followup);
    });
  }

  function blankField(sheet, field, depth) {
    var block = el("div", "wb-blank__field" + (depth ? " wb-blank__field--followup" : ""));
    block.appendChild(el("p", "wb-blank__question", field.label));
    if (field.shape === "rows") block.appendChild(blankTable(field));
    else if (field.options && field.options.length) blankChoices(block, sheet, field, depth);
    else if (field.kind === "date") block.appendChild(el("p", "wb-blank__date", t("blank.date")));
    else block.appendChild(lines(field.rows ? field.rows + 2 : 2));
    return block;
  }

  function blankSheet(sheet) {
    var block = el("section", "wb-blank__sheet");
    block.appendChild(el("h1", "wb-blank__title", sheet.title));
    var header = el("div", "wb-blank__header");
    W.workbook.header().forEach(function (field) {
      var row = el("p", "wb-blank__header-row");
      row.appendChild(el("span", "wb-blank__header-label", W.util.colon(field.label)));
      row.appendChild(el("span", "wb-blank__header-line"));
      header.appendChild(row);
    });
    block.appendChild(header);
    W.report.groups(sheet).forEach(function (group) {
      if (group.title) block.appendChild(el("h2", "wb-blank__section", group.title));
      group.fields.forEach(function (field) { block.appendChild(blankField(sheet, field, 0)); });
    });
    return block;
  }

  /* The print view (paper.js): into box the blank form of one worksheet, or of all when sheetId is "". */
  function printView(box, sheetId) {
    box.textContent = "";
    W.workbook.worksheets().forEach(function (sheet) {
      if (!sheetId || sheet.id === sheetId) box.appendChild(blankSheet(sheet));
    });
    return t("print.kindBlank");
  }

  return { printView: printView };
});
