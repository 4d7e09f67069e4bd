/* Worksheet fields in the page: read and write each kind's value, follow-ups, table rows,
 * growing text boxes and the word count. The HTML works without this script; it only adds.
 * Every field root carries data-wb-field (its id) and data-wb-kind; one codec per kind.
 */
Werkboek.define("fields", function (W) {
  "use strict";

  var WORDS_PER_MINUTE_FALLBACK = 130;

  function byId(id) { return document.getElementById(id); }

  /* Write a control only when it changes: setting a value costs a style and layout pass. */
  function setValue(control, value) { if (control.value !== value) control.value = value; }
  function setChecked(control, checked) { if (control.checked !== checked) control.checked = checked; }
  function fieldId(root) { return root.getAttribute("data-wb-field"); }
  // Scoped to the field: a document-wide getElementsByName re-walks the page after every change.
  function choices(root) { return root.querySelectorAll('input[name="' + fieldId(root) + '"]'); }
  function rowsOf(root) { return root.querySelector("[data-wb-rows]").children; }

  var single = {
    read: function (root) { return byId("wb-" + fieldId(root)).value; },
    write: function (root, value) { setValue(byId("wb-" + fieldId(root)), typeof value === "string" ? value : ""); }
  };
  var radio = {
    read: function (root) {
      var checked = Array.prototype.filter.call(choices(root), function (input) { return input.checked; });
      return checked.length ? checked[0].value : "";
    },
    write: function (root, value) {
      Array.prototype.forEach.call(choices(root), function (input) { setChecked(input, input.value === value); });
    }
  };
  var checkbox = {
    read: function (root) {
      return Array.prototype.filter.call(choices(root), function (input) { return input.checked; })
        .map(function (input) { return input.value; });
    },
    write: function (root, value) {
      var selected = Array.isArray(value) ? value : [];
      Array.prototype.forEach.call(choices(root), function (input) { setChecked(input, selected.indexOf(input.value) !== -1); });
    }
  };
  var table = {
    read: function (root) {
      return Array.prototype.map.call(rowsOf(root), function (row) {
        var cells = {};
        row.querySelectorAll("[data-wb-column]").forEach(function (cell) {
          cells[cell.getAttribute("data-wb-column")] = cell.querySelector("input, textarea, select").value;
        });
        return cells;
      });
    },
    write: function (root, value) {
      var body = root.querySelector("[data-wb-rows]");
      // No stored answer: the empty starting rows the page was built with.
      var rows = Array.isArray(value) ? value : new Array(Number(body.getAttribute("data-wb-rows")) || 1).fill(null);
      while (body.children.length > rows.length) body.removeChild(body.lastElementChild);
      while (body.children.length < rows.length) body.appendChild(newRow(root));
      renumber(root);
      rows.forEach(function (cells, index) {
        body.children[index].querySelectorAll("[data-wb-column]").forEach(function (cell) {
          var stored = cells && cells[cell.getAttribute("data-wb-column")];
          setValue(cell.querySelector("input, textarea, select"), typeof stored === "string" ? stored : "");
        });
      });
    }
  };
  var codecs = { text: single, long: single, date: single, yesno: radio, choice: radio, multi: checkbox, table: table };

  function codec(root) { return codecs[root.getAttribute("data-wb-kind")]; }

  // -- Tables: add and remove rows (clone, renumber, move focus) -----------------------------------

  function newRow(root) {
    return root.querySelector("template[data-wb-row-template]").content.firstElementChild.cloneNode(true);
  }

  function renumber(root) {
    var id = fieldId(root);
    Array.prototype.forEach.call(rowsOf(root), function (row, index) {
      var number = String(index + 1);
      row.querySelectorAll("[data-wb-column]").forEach(function (cell) {
        var controlId = "wb-" + id + "--" + number + "--" + cell.getAttribute("data-wb-column");
        cell.querySelector("input, textarea, select").id = controlId;
        cell.querySelector("label").htmlFor = controlId;
      });
      row.querySelectorAll("[data-wb-row-number]").forEach(function (span) { span.textContent = number; });
    });
  }

  function addRow(root) {
    var row = newRow(root);
    root.querySelector("[data-wb-rows]").appendChild(row);
    renumber(root);
    row.querySelector("input, textarea, select").focus();
  }

  function removeRow(root, row) {
    var next = row.nextElementSibling || row.previousElementSibling;
    row.parentNode.removeChild(row);
    renumber(root);
    (next ? next.querySelector("input, textarea, select") : root.querySelector("[data-wb-add-row]")).focus();
  }

  // -- Follow-ups: shown only for the chosen option. The page starts with all of them hidden under
  // a class that hides only with scripting on (werkboek.css), as nothing is chosen yet ----------
  // The option keeps aria-controls; ARIA allows no aria-expanded on radios and checkboxes, and
  // their checked state already tells what is open.

  function syncFollowups(scope) {
    scope.querySelectorAll("input[aria-controls]").forEach(function (input) {
      var target = byId(input.getAttribute("aria-controls"));
      if (!target) return;
      target.classList.toggle("wb-followup--hidden", !input.checked);
      if (input.checked) target.querySelectorAll("textarea").forEach(grow);
    });
  }

  // -- Text boxes grow with their content, so nothing is hidden on screen or on paper ------------

  var growsNatively = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");

  function grow(textarea) {
    if (growsNatively || !textarea.offsetParent) return;
    textarea.style.height = "auto";
    textarea.style.height = textarea.scrollHeight + 2 + "px";
  }

  function updateWordcount(root) {
    var output = root.querySelector("[data-wb-wordcount]");
    if (!output) return;
    var text = byId("wb-" + fieldId(root)).value.trim();
    var words = text ? text.split(/\s+/).length : 0;
    var perMinute = Number(output.getAttribute("data-wb-wordcount")) || WORDS_PER_MINUTE_FALLBACK;
    var seconds = Math.round(words / perMinute * 60);
    var t = W.texts.t;
    var duration = seconds < 60
      ? seconds + " " + t(seconds === 1 ? "second" : "seconds")
      : Math.floor(seconds / 60) + " " + t(seconds < 120 ? "minute" : "minutes") +
        (seconds % 60 ? " " + t("and") + " " + (seconds % 60) + " " + t("seconds") : "");
    output.textContent = t("wordcount", { words: words, wordUnit: t(words === 1 ? "word" : "words"), duration: duration });
  }

  // -- Wiring ----------------------------------------------------------------------------------

  function roots(scope) { return scope.querySelectorAll("[data-wb-field]"); }

  /* Put stored answers into the fields under scope. Writes nothing back to storage. */
  function restore(scope, answers, skipFocused) {
    roots(scope).forEach(function (root) {
      var id = fieldId(root);
      if (skipFocused && root.contains(document.activeElement) && document.activeElement !== document.body) return;
      try {
        codec(root).write(root, Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : undefined);
        refresh(root);
      } catch (error) {
        if (window.console) console.error("Werkboek: veld " + id + " kon niet worden hersteld", error);
      }
    });
    syncFollowups(scope);
  }

  function refresh(root) {
    root.querySelectorAll("textarea").forEach(grow);
    updateWordcount(root);
  }

  /* Once per page: number the table rows (their buttons are in the page, shown only with scripting). */
  function enhance(root) {
    if (root.getAttribute("data-wb-kind") === "table") renumber(root);
  }

  function read(root) { return codec(root).read(root); }

  return {
    roots: roots,
    read: read,
    restore: restore,
    enhance: enhance,
    refresh: refresh,
    syncFollowups: syncFollowups,
    addRow: addRow,
    removeRow: removeRow
  };
});
