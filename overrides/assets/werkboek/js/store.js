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

  // -- The index of werkmappen and the sets themselves -------------------------------------------

  function indexKey(s) { return s.namespace + ":werkmappen"; }
  function setKey(s, id) { return s.namespace + ":werkmap:" + id; }

  function findSet(index, id) { return index.sets.filter(function (set) { return set.id === id; })[0] || null; }
  function ownSets(index) { return index.sets.filter(function (set) { return !set.example; }); }

  /* Make a set active. Entering the example remembers the user's own set, to go back to. */
  function activate(index, id) {
    var target = findSet(index, id);
    if (!target) return;
    var current = findSet(index, index.active);
    if (target.example && current && !current.example) target.back = current.id;
    index.active = id;
  }

  function newSetId() { return "m" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6); }

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

  /* A set's envelope, with declared renames applied (and written back when they changed it). */
  function readSet(s, id) {
    var envelope = readEnvelope(s, setKey(s, id), function (data) { return isObject(data.answers); });
    if (!envelope) return { format: FORMAT, schema: SCHEMA, answers: {}, updated: null, exported: null };
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

  // -- The store ---------------------------------------------------------------------------------

  /* createStore(namespace, onProblem): onProblem(kind) hears "geblokkeerd", "vol", "onleesbaar",
     or null when all is well again. */
  function createStore(namespace, onProblem) {
    var problem = null;
    var s = { storage: openStorage(), namespace: namespace, memory: {}, unreadable: {}, pending: {},
              report: function (kind) { if (kind !== problem) { problem = kind; onProblem(kind); } } };

    function activeId() { return readIndex(s).active; }
    function activeEntry() { var index = readIndex(s); return findSet(index, index.active); }

    /* A new own set, made active; with answers when given (a copy). Its id, or null when storage
       has no room for it: then nothing is left half-made and the old set stays active. */
    function createSet(name, answers) {
      var id = newSetId();
      if (answers && !writeEnvelope(s, setKey(s, id), { format: FORMAT, schema: SCHEMA, answers: sanitize(answers),
                                                        updated: now(), exported: null }) && s.storage) return forgetSet(id);
      var written = updateIndex(s, function (index) {
        index.sets.push({ id: id, name: String(name), created: now() });
        index.active = id;
      });
      return written ? id : forgetSet(id);
    }

    /* A set's answers gone from storage and memory (the index is the caller's); returns null. */
    function forgetSet(id) {
      delete s.pending[id];
      delete s.memory[setKey(s, id)];
      if (s.storage) s.storage.removeItem(setKey(s, id));
      return null;
    }

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

    function answers() {
      var id = activeId();
      var result = readSet(s, id).answers;
      var unsaved = s.pending[id] || {};
      Object.keys(unsaved).forEach(function (fieldId) { result[fieldId] = unsaved[fieldId]; });
      return result;
    }

    function changeActiveSet(change) {
      var id = activeId();
      var envelope = readSet(s, id);
      change(envelope, id);
      return writeEnvelope(s, setKey(s, id), envelope) || !s.storage; // no storage: memory is all there is
    }

    if (!s.storage) s.report("geblokkeerd");

    return {
      /* Save one answer of the active set at once; false when it only reached memory. */
      save: function (fieldId, value) {
        var active = activeEntry();
        if (active.example) return true; // read-only: nothing typed becomes part of the example
        var id = active.id;
        s.pending[id] = s.pending[id] || {};
        s.pending[id][fieldId] = value;
        return flush();
      },
      answers: answers,
      flush: flush,
      problem: function () { return problem; },
      /* listener() runs when another tab changed this workbook's storage. */
      onExternalChange: function (listener) {
        window.addEventListener("storage", function (event) {
          if (event.key === null || event.key.indexOf(namespace + ":") === 0) listener();
        });
      },
      sets: function () { return readIndex(s).sets; },
      activeSet: function () {
        var index = readIndex(s);
        var set = findSet(index, index.active);
        var envelope = readSet(s, set.id);
        return { id: set.id, name: set.name, updated: envelope.updated, exported: envelope.exported,
                 example: Boolean(set.example) };
      },
      createSet: createSet,
      /* Open the example as its own set (its answers fresh from the file each time); its id, or
         null when storage has no room for it (the user's own set stays active). */
      openExample: function (name, answers) {
        var existing = readIndex(s).sets.filter(function (set) { return set.example; })[0];
        var id = existing ? existing.id : newSetId();
        var written = writeEnvelope(s, setKey(s, id), { format: FORMAT, schema: SCHEMA, answers: sanitize(answers) || {},
                                                        updated: now(), exported: null });
        if (!written && s.storage) return null;
        written = updateIndex(s, function (index) {
          var set = findSet(index, id);
          if (!set) index.sets.push(set = { id: id, created: now(), example: true });
          set.name = String(name);
          activate(index, id);
        });
        return written ? id : existing ? null : forgetSet(id);
      },
      /* From the example back to the user's own set (a new empty one when none is left). */
      leaveExample: function () {
        var index = readIndex(s);
        var current = findSet(index, index.active);
        if (!current.example) return current.id;
        var back = findSet(index, current.back);
        var own = back && !back.example ? back : ownSets(index)[0];
        if (!own) return createSet(W.texts.t("set.default"));
        updateIndex(s, function (changed) { changed.active = own.id; });
        return own.id;
      },
      renameSet: function (id, name) {
        updateIndex(s, function (index) {
          index.sets.forEach(function (set) { if (set.id === id) set.name = String(name); });
        });
      },
      switchSet: function (id) {
        updateIndex(s, function (index) { activate(index, id); });
      },
      deleteSet: function (id) {
        forgetSet(id);
        // readIndex() recreates a default set when none is left
        updateIndex(s, function (index) {
          var gone = findSet(index, id);
          index.sets = index.sets.filter(function (set) { return set.id !== id; });
          if (gone && index.active === id && findSet(index, gone.back)) index.active = gone.back;
        });
      },
      /* Replace all answers of the active set (import, clear). */
      replaceAnswers: function (newAnswers) {
        if (activeEntry().example) return false;
        delete s.pending[activeId()];
        return changeActiveSet(function (envelope) {
          envelope.answers = sanitize(newAnswers) || {};
          envelope.updated = now();
        });
      },
      markExported: function () {
        if (activeEntry().example) return;
        changeActiveSet(function (envelope) { envelope.exported = now(); });
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
  }

  return { createStore: createStore, sanitize: sanitize, isUnsafeKey: isUnsafeKey, FORMAT: FORMAT, SCHEMA: SCHEMA };
});
