/* The one module that touches browser storage. Answers never leave this browser.
 *
 * Layout in localStorage, all under the workbook's own namespace (so two workbooks never mix):
 *   NS:werkmappen          {format, schema, active, sets: [{id, name, created, example?, back?}]}
 *   NS:werkmap:<id>        {format, schema, answers: {fieldId: value}, updated, exported}
 *   NS:reservekopie:<t>    unreadable data, kept as it was found
 *   NS:opslag-gevraagd     when the browser was asked to keep this site's storage
 * Every save reads the stored set, changes one answer and writes it back, so a second tab never
 * wipes what another tab saved. What cannot be written stays in memory ("pending") and is retried
 * on the next save and when the page is hidden. Declared renames (manifest.renames) are applied
 * to a set's answers when it is read.
 * The filled example is a set with example: true, read-only: saving into it does nothing, and its
 * back is the user's own set that was active before, to return to in one step. Sets without these
 * optional keys read as before, so they need no schema step.
 * A worksheet only saves and reads the active set; managing werkmappen is an extension of the store
 * (storesets.js, through extend()) that comes with the pages and bundles that offer it.
 */
Werkboek.define("storage", function (W) {
  "use strict";

  var FORMAT = "werkboek-antwoorden";
  var SCHEMA = 1;
  var UNSAFE_KEYS = ["__proto__", "constructor", "prototype"];
  var DEFAULT_SET_ID = "standaard";

  function isUnsafeKey(key) { return UNSAFE_KEYS.indexOf(key) !== -1; }
  var isObject = W.util.isObject;

  /* Copy parsed JSON into plain data without prototype-polluting keys. */
  function sanitize(value, depth) {
    depth = depth || 0;
    if (depth > 8 || value === null || typeof value !== "object") return typeof value === "function" ? null : value;
    if (Array.isArray(value)) return value.map(function (item) { return sanitize(item, depth + 1); });
    var copy = {};
    Object.keys(value).forEach(function (key) { if (!isUnsafeKey(key)) copy[key] = sanitize(value[key], depth + 1); });
    return copy;
  }

  function openStorage() {
    try {
      var storage = window.localStorage; // the getter itself throws when storage is blocked
      storage.setItem("__werkboek_probe__", "1");
      storage.removeItem("__werkboek_probe__");
      return storage;
    } catch (error) {
      if (error && error.name === "QuotaExceededError") {
        try { return window.localStorage; } catch (ignored) { return null; }
      }
      return null;
    }
  }

  function isQuotaError(error) {
    return error && (error.name === "QuotaExceededError" || error.code === 22 || error.code === 1014);
  }

  function now() { return new Date().toISOString(); }

  // -- Envelopes: one JSON value under one key, with an in-memory copy -------------------------

  /* s: {storage, namespace, memory, unreadable, report}. Returns the parsed envelope or null. */
  function readEnvelope(s, key, isValid) {
    if (!s.storage) return s.memory[key] || null;
    var raw;
    try { raw = s.storage.getItem(key); } catch (error) { return s.memory[key] || null; }
    if (raw === null) return s.memory[key] || null;
    var parsed;
    try { parsed = sanitize(JSON.parse(raw)); } catch (error) { parsed = undefined; }
    if (isObject(parsed) && isValid(parsed)) {
      parsed.schema = SCHEMA;
      return parsed;
    }
    return rescue(s, key, raw);
  }

  /* Unreadable data: keep it under a backup key before anything may overwrite it. */
  function rescue(s, key, raw) {
    try {
      s.storage.setItem(s.namespace + ":reservekopie:" + Date.now(), raw);
      s.storage.removeItem(key);
    } catch (error) {
      s.unreadable[key] = true;
    }
    s.report("onleesbaar");
    return s.memory[key] || null;
  }

  /* True when the envelope reached storage; it is always kept in memory. */
  function writeEnvelope(s, key, envelope) {
    s.memory[key] = envelope;
    if (!s.storage || s.unreadable[key]) return false;
    try {
      s.storage.setItem(key, JSON.stringify(envelope));
      return true;
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      s.report("vol");
      return false;
    }
  }

  function removeEnvelope(s, key) {
    delete s.memory[key];
    if (s.storage) s.storage.removeItem(key);
  }

  // -- The index of werkmappen and the sets themselves -------------------------------------------

  function indexKey(s) { return s.namespace + ":werkmappen"; }
  function setKey(s, id) { return s.namespace + ":werkmap:" + id; }

  function findSet(index, id) { return index.sets.filter(function (set) { return set.id === id; })[0] || null; }
  function ownSets(index) { return index.sets.filter(function (set) { return !set.example; }); }

  /* A new set's envelope, holding a copy of answers. */
  function newEnvelope(answers) {
    return { format: FORMAT, schema: SCHEMA, answers: sanitize(answers) || {}, updated: answers ? now() : null, exported: null };
  }

  function readIndex(s) {
    var index = readEnvelope(s, indexKey(s), function (data) { return Array.isArray(data.sets); });
    if (!index || !index.sets.length) {
      index = { format: FORMAT, schema: SCHEMA, active: DEFAULT_SET_ID,
                sets: [{ id: DEFAULT_SET_ID, name: W.texts.t("set.default"), created: now() }] };
    }
    index.sets = index.sets.filter(function (set) { return isObject(set) && typeof set.id === "string"; });
    if (!index.sets.length) return readIndex({ storage: null, memory: {}, namespace: s.namespace });
    if (!findSet(index, index.active)) index.active = (ownSets(index)[0] || index.sets[0]).id;
    return index;
  }

  function activeEntry(s) { var index = readIndex(s); return findSet(index, index.active); }

  /* A set's envelope, with declared renames applied (and written back when they changed it). */
  function readSet(s, id) {
    var envelope = readEnvelope(s, setKey(s, id), function (data) { return isObject(data.answers); });
    if (!envelope) return newEnvelope();
    var migrated = W.answers.migrate(envelope.answers, W.workbook.renames());
    if (migrated.changed) {
      envelope.answers = migrated.answers;
      writeEnvelope(s, setKey(s, id), envelope);
    }
    return envelope;
  }

  function writeAnswers(s, id, changes) {
    var envelope = readSet(s, id);
    Object.keys(changes).forEach(function (fieldId) {
      if (!isUnsafeKey(fieldId)) envelope.answers[fieldId] = sanitize(changes[fieldId]);
    });
    envelope.updated = now();
    return writeEnvelope(s, setKey(s, id), envelope);
  }

  /* True when the changed index reached storage (or there is no storage: then memory is all). */
  function updateIndex(s, change) {
    var index = readIndex(s);
    change(index);
    return writeEnvelope(s, indexKey(s), index) || !s.storage;
  }

  /* change(envelope) on the active set's envelope, written back; true as updateIndex. */
  function changeActiveSet(s, change) {
    var id = activeEntry(s).id;
    var envelope = readSet(s, id);
    change(envelope);
    return writeEnvelope(s, setKey(s, id), envelope) || !s.storage;
  }

  /* What a store extension builds on (storesets.js): these functions, each called with the store's state. */
  var KIT = { readIndex: readIndex, updateIndex: updateIndex, activeEntry: activeEntry, changeActiveSet: changeActiveSet,
              findSet: findSet, ownSets: ownSets, setKey: setKey, writeEnvelope: writeEnvelope,
              removeEnvelope: removeEnvelope, newEnvelope: newEnvelope, sanitize: sanitize, now: now };
  var extensions = [];
  var made = []; // [store, state] of every store so far

  /* add(store, state, KIT) adds methods to every store, made before or after. */
  function extend(add) {
    extensions.push(add);
    made.forEach(function (entry) { add(entry[0], entry[1], KIT); });
  }

  // -- The store ---------------------------------------------------------------------------------

  /* createStore(namespace, onProblem): onProblem(kind) hears "geblokkeerd", "vol", "onleesbaar",
     or null when all is well again. Managing werkmappen (make, open, rename, delete, the example,
     import) is storesets.js, on the pages that offer it. */
  function createStore(namespace, onProblem) {
    var problem = null;
    var s = { storage: openStorage(), namespace: namespace, memory: {}, unreadable: {}, pending: {},
              report: function (kind) { if (kind !== problem) { problem = kind; onProblem(kind); } } };

    function flush() {
      var allWritten = true;
      Object.keys(s.pending).forEach(function (id) {
        if (writeAnswers(s, id, s.pending[id])) delete s.pending[id];
        else allWritten = false;
      });
      if (!s.storage) s.report("geblokkeerd");
      else if (allWritten && problem === "vol") s.report(null);
      return allWritten;
    }

    if (!s.storage) s.report("geblokkeerd");

    var store = {
      /* Save one answer of the active set at once; false when it only reached memory. */
      save: function (fieldId, value) {
        var active = activeEntry(s);
        if (active.example) return true; // read-only: nothing typed becomes part of the example
        var id = active.id;
        s.pending[id] = s.pending[id] || {};
        s.pending[id][fieldId] = value;
        return flush();
      },
      answers: function () {
        var id = activeEntry(s).id;
        var result = readSet(s, id).answers;
        var unsaved = s.pending[id] || {};
        Object.keys(unsaved).forEach(function (fieldId) { result[fieldId] = unsaved[fieldId]; });
        return result;
      },
      flush: flush,
      problem: function () { return problem; },
      /* listener() runs when another tab changed this workbook's storage. */
      onExternalChange: function (listener) {
        window.addEventListener("storage", function (event) {
          if (event.key === null || event.key.indexOf(namespace + ":") === 0) listener();
        });
      },
      activeSet: function () {
        var set = activeEntry(s);
        var envelope = readSet(s, set.id);
        return { id: set.id, name: set.name, updated: envelope.updated, exported: envelope.exported,
                 example: Boolean(set.example) };
      },
      /* Ask once (when the user starts filling in) that the browser keeps this site's storage. */
      askPersistence: function () {
        var storage = navigator.storage;
        var key = namespace + ":opslag-gevraagd";
        if (!storage || typeof storage.persist !== "function" || !s.storage) return;
        try {
          if (s.storage.getItem(key)) return;
          s.storage.setItem(key, now());
        } catch (error) { return; }
        storage.persisted().then(function (persisted) { return persisted || storage.persist(); })
          .catch(function () { /* the browser said no: answers are still saved as usual */ });
      }
    };
    made.push([store, s]);
    extensions.forEach(function (add) { add(store, s, KIT); });
    return store;
  }

  return { createStore: createStore, extend: extend, sanitize: sanitize, isUnsafeKey: isUnsafeKey, FORMAT: FORMAT, SCHEMA: SCHEMA };
});
