/* The answers model: pure functions of manifest entries and stored values, no page and no storage,
 * so tests can call them directly (window.Werkboek.answers). Value shapes come from the manifest:
 * "string" (one text or one option value), "list" (option values), "rows" (table: [{columnId: text}]).
 * Whether an answer fits its field is checks.js, which only the import needs.
 */
Werkboek.define("answers", function (W) {
  "use strict";

  var has = W.util.has;
  var isObject = W.util.isObject;

  /* True when a stored value counts as an answer (progress, plan, back-up reminder). */
  function isAnswered(value) {
    if (Array.isArray(value)) {
      return value.some(function (item) {
        return isObject(item) ? Object.keys(item).some(function (key) { return isAnswered(item[key]); }) : isAnswered(item);
      });
    }
    return typeof value === "string" && value.trim() !== "";
  }

  function renameValue(value, map) {
    if (typeof value === "string") return has(map, value) ? map[value] : value;
    if (Array.isArray(value)) return value.map(function (v) { return typeof v === "string" && has(map, v) ? map[v] : v; });
    return value;
  }

  /* Apply declared renames ({fields: {old: new}, values: {fieldId: {old: new}}}); returns a new
     object and whether anything changed. An answer under the new id wins over one under the old. */
  function migrate(answers, renames) {
    var fields = (renames && renames.fields) || {};
    var values = (renames && renames.values) || {};
    var out = {};
    var changed = false;
    Object.keys(answers).forEach(function (id) { out[id] = answers[id]; });
    Object.keys(fields).forEach(function (old) {
      if (!has(out, old)) return;
      if (!has(out, fields[old])) out[fields[old]] = out[old];
      delete out[old];
      changed = true;
    });
    Object.keys(values).forEach(function (id) {
      if (!has(out, id)) return;
      var renamed = renameValue(out[id], values[id]);
      if (JSON.stringify(renamed) !== JSON.stringify(out[id])) { out[id] = renamed; changed = true; }
    });
    return { answers: out, changed: changed };
  }

  // -- A worksheet's structure (manifest entries) ------------------------------------------------

  function topFields(sheet) { return sheet.fields.filter(function (f) { return !f.parent; }); }

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

  /* {done, total, state: "nieuw" | "bezig" | "klaar"}: top-level questions only. */
  function progressOf(sheet, answers) {
    var questions = topFields(sheet);
    var done = questions.filter(function (f) { return isAnswered(answers[f.id]); }).length;
    var state = done === 0 ? "nieuw" : done === questions.length ? "klaar" : "bezig";
    return { done: done, total: questions.length, state: state };
  }

  /* Per section with a field of role "verdict": the chosen option ({label, tone}, tone "none"
     when not chosen), the section's other questions and those still open. */
  function diagnosisOf(sheet, answers) {
    var tops = topFields(sheet);
    return (sheet.sections || []).map(function (section) {
      var verdictField = tops.filter(function (f) { return f.section === section.id && f.role === "verdict"; })[0];
      if (!verdictField) return null;
      var value = answers[verdictField.id];
      var option = (verdictField.options || []).filter(function (o) { return o.value === value; })[0];
      var questions = tops.filter(function (f) { return f.section === section.id && f !== verdictField; });
      return { section: section, field: verdictField, value: value,
               verdict: option ? { label: option.label, tone: option.tone || "none" } : null,
               questions: questions,
               open: questions.filter(function (f) { return !isAnswered(answers[f.id]); }) };
    }).filter(Boolean);
  }

  /* Table rows that hold at least one answer. */
  function filledRows(value) {
    return Array.isArray(value) ? value.filter(function (row) { return isObject(row) && isAnswered([row]); }) : [];
  }

  function optionLabel(options, value) {
    var found = (options || []).filter(function (option) { return option.value === value; })[0];
    return found ? found.label : String(value);
  }

  return { isAnswered: isAnswered, migrate: migrate, topFields: topFields,
           childrenOf: childrenOf, applicableChildren: applicableChildren, groups: groups,
           progressOf: progressOf, diagnosisOf: diagnosisOf, filledRows: filledRows, optionLabel: optionLabel };
});
