/* How a worksheet's answers read, for the plan, blank forms, the handout and the files made from
 * them: follow-ups, groups by section, filled table rows, option labels. Pure functions of manifest
 * entries and stored values, like answers.js, which the worksheets need on their own.
 */
Werkboek.define("report", function (W) {
  "use strict";

  var isAnswered = W.answers.isAnswered;
  var isObject = W.util.isObject;

  /* Every field of the workbook (header first, then each worksheet's), by id. A worksheet page's
     part of the manifest has only its own top-level questions: checking answers against it would
     drop good ones, so this refuses until the whole manifest is here (Werkboek.workbook.whole). */
  function fieldsById() {
    if (W.workbook.manifest().part !== undefined) throw new Error("Werkboek: fieldsById needs the whole manifest");
    var byId = {};
    W.workbook.header().forEach(function (f) { byId[f.id] = f; });
    W.workbook.worksheets().forEach(function (s) { s.fields.forEach(function (f) { byId[f.id] = f; }); });
    return byId;
  }

  /* Follow-ups by parent id, indexed once per worksheet entry (a loaded manifest does not change):
     the plan asks for every field's follow-ups, and a search per field grows with the square. */
  var followupIndex = new WeakMap();
  function childrenOf(sheet, field) {
    var index = followupIndex.get(sheet);
    if (!index) {
      index = Object.create(null);
      sheet.fields.forEach(function (f) { if (f.parent) (index[f.parent] = index[f.parent] || []).push(f); });
      followupIndex.set(sheet, index);
    }
    return (index[field.id] || []).slice();
  }

  /* Follow-ups that apply to the given answer: the ones under the chosen option(s). */
  function applicableChildren(sheet, field, value) {
    if (!isAnswered(value)) return [];
    var chosen = Array.isArray(value) ? value : [value];
    return childrenOf(sheet, field).filter(function (child) { return chosen.indexOf(child.when) !== -1; });
  }

  /* Sections with their top-level fields, in page order; fields before any section form a group
     without a title. */
  function groups(sheet) {
    var titles = {};
    (sheet.sections || []).forEach(function (s) { titles[s.id] = s.title; });
    var result = [];
    W.answers.topFields(sheet).forEach(function (field) {
      var last = result[result.length - 1];
      if (!last || last.id !== (field.section || "")) {
        last = { id: field.section || "", title: titles[field.section] || "", fields: [] };
        result.push(last);
      }
      last.fields.push(field);
    });
    return result;
  }

  /* Table rows that hold at least one answer. */
  function filledRows(value) {
    return Array.isArray(value) ? value.filter(function (row) { return isObject(row) && isAnswered([row]); }) : [];
  }

  function optionLabel(options, value) {
    var found = (options || []).filter(function (option) { return option.value === value; })[0];
    return found ? found.label : String(value);
  }

  return { fieldsById: fieldsById, childrenOf: childrenOf, applicableChildren: applicableChildren, groups: groups, filledRows: filledRows,
           optionLabel: optionLabel };
});
