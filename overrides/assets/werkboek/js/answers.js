/* The answers model: pure functions of manifest entries and stored values, no page and no storage,
 * so tests can call them directly (window.Werkboek.answers). Value shapes come from the manifest:
 * "string" (one text or one option value), "list" (option values), "rows" (table: [{columnId: text}]).
 * Whether an answer fits its field is checks.js, which only the import needs; how answers read in
 * the plan, on paper and in files is report.js, the diagnosis diagnosis.js.
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

  /* {done, total, state: "nieuw" | "bezig" | "klaar"}: top-level questions only. */
  function progressOf(sheet, answers) {
    var questions = topFields(sheet);
    var done = questions.filter(function (f) { return isAnswered(answers[f.id]); }).length;
    var state = done === 0 ? "nieuw" : done === questions.length ? "klaar" : "bezig";
    return { done: done, total: questions.length, state: state };
  }

  return { isAnswered: isAnswered, migrate: migrate, topFields: topFields, progressOf: progressOf };
});
