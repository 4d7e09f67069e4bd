/* Does an answer fit its field? Pure functions of manifest entries and values, no page and no
 * storage (window.Werkboek.checks in tests). Only reading a back-up needs them (transfer bundle):
 * what the page itself saves comes from its own controls.
 */
Werkboek.define("checks", function (W) {
  "use strict";

  var MAX_TEXT = 100000; // characters in one answer
  var MAX_ROWS = 200;
  var ISO_DATE = /^\d{4,6}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

  var has = W.util.has;
  var isObject = W.util.isObject;

  function optionValues(options) { return (options || []).map(function (o) { return o.value; }); }

  function isText(value) { return typeof value === "string" && value.length <= MAX_TEXT; }

  /* A text; for fields with options "" or one of their values; for dates "" or a date as the
     browser's date input gives it (yyyy-mm-dd, years of up to six digits). */
  function validString(value, options, kind) {
    if (!isText(value)) return false;
    if (kind === "date") return value === "" || ISO_DATE.test(value);
    return !options || value === "" || optionValues(options).indexOf(value) !== -1;
  }

  function validRow(row, columns) {
    if (!isObject(row)) return false;
    var byId = {};
    columns.forEach(function (c) { byId[c.id] = c; });
    return Object.keys(row).every(function (key) {
      return has(byId, key) && validString(row[key], byId[key].kind === "choice" ? byId[key].options : null, byId[key].kind);
    });
  }

  /* Does value fit the field (its shape, options and columns)? */
  function fits(field, value) {
    if (field.shape === "list") {
      var allowed = optionValues(field.options);
      return Array.isArray(value) && value.length <= allowed.length &&
        value.every(function (v) { return typeof v === "string" && allowed.indexOf(v) !== -1; });
    }
    if (field.shape === "rows") {
      return Array.isArray(value) && value.length <= MAX_ROWS &&
        value.every(function (row) { return validRow(row, field.columns || []); });
    }
    if (field.shape === "string") return validString(value, field.options && field.options.length ? field.options : null, field.kind);
    return false;
  }

  /* An answer to a question the workbook no longer has: kept when it is plain answer data. */
  function isPlainAnswer(value) {
    if (isText(value)) return true;
    return Array.isArray(value) && value.length <= MAX_ROWS && value.every(function (item) {
      return isText(item) || (isObject(item) && Object.keys(item).every(function (k) { return isText(item[k]); }));
    });
  }

  /* Split answers into those that may be stored and a count of wrong ones. Answers to ids the
     workbook does not know are kept (README: a back-up keeps them), if they are plain data. */
  function check(answers, fieldsById) {
    var result = { answers: {}, wrong: 0, unknown: 0 };
    Object.keys(answers).forEach(function (id) {
      var value = answers[id];
      if (has(fieldsById, id) ? fits(fieldsById[id], value) : isPlainAnswer(value)) {
        result.answers[id] = value;
        if (!has(fieldsById, id)) result.unknown += 1;
      } else {
        result.wrong += 1;
      }
    });
    return result;
  }

  return { fits: fits, check: check };
});
