/* The one module that owns browser storage. Answers never leave this browser.
 *
 * Layout in localStorage, all under the site's own namespace (so two workbooks never mix):
 *   NS:werkmappen        {format, schema, active, sets: [{id, name, created}]}
 *   NS:werkmap:<id>      {format, schema, answers: {fieldId: value}, updated, exported}
 *   NS:reservekopie:<t>  unreadable data, kept as it was found
 * Every save reads the stored set, changes one answer and writes it back, so a second tab
 * never wipes what another tab saved. What cannot be written stays in memory ("pending") and
 * is retried on the next save and when the page is hidden.
 */
(function () {
  "use strict";

  var FORMAT = "werkboek-antwoorden";
  var SCHEMA = 1;
  // Each step turns an envelope of schema n into schema n + 1; keys stay, unknown ids are kept.
  var MIGRATIONS = {};
  var UNSAFE_KEYS = ["__proto__", "constructor", "prototype"];
  var DEFAULT_SET = { id: "standaard", name: "Mijn werkmap" };

  function isUnsafeKey(key) { return UNSAFE_KEYS.indexOf(key) !== -1; }

  /* Copy parsed JSON into plain data without prototype-polluting keys. */
  function sanitize(value, depth) {
    if (depth > 8 || value === null || typeof value !== "object") {
      return typeof value === "function" ? null : value;
    }
    if (Array.isArray(value)) {
      return value.map(function (item) { return sanitize(item, depth + 1); });
    }
    var copy = {};
    Object.keys(value).forEach(function (key) {
      if (!isUnsafeKey(key)) copy[key] = sanitize(value[key], depth + 1);
    });
    return copy;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function openStorage() {
    try {
      var storage = window.localStorage; // the getter itself throws when storage is blocked
      var probe = "__werkboek_probe__";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
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

  /* createStore(namespace, onProblem): onProblem(kind) is told "geblokkeerd", "vol",
     "onleesbaar" or null when all is well again. */
  function createStore(namespace, onProblem) {
    var storage = openStorage();
    var indexKey = namespace + ":werkmappen";
    var memory = {}; // key -> envelope: the copy used when storage is blocked or unreadable
    var pending = {}; // setId -> {fieldId: value} not yet written
    var unreadable = {}; // key -> true: data we could not back up, so we must not overwrite it
    var problem = null;
    var listeners = [];

    function report(kind) {
      if (kind === problem) return;
      problem = kind;
      onProblem(kind);
    }

    function setKey(id) { return namespace + ":werkmap:" + id; }

    function readEnvelope(key, isValid) {
      if (!storage) return memory[key] || null;
      var raw;
      try { raw = storage.getItem(key); } catch (error) { return memory[key] || null; }
      if (raw === null) return memory[key] || null;
      var parsed;
      try { parsed = sanitize(JSON.parse(raw), 0); } catch (error) { parsed = undefined; }
      if (isObject(parsed) && isValid(parsed)) return migrate(parsed);
      return rescue(key, raw);
    }

    /* Unreadable data: keep it under a backup key before anything may overwrite it. */
    function rescue(key, raw) {
      try {
        storage.setItem(namespace + ":reservekopie:" + Date.now(), raw);
        storage.removeItem(key);
      } catch (error) {
        unreadable[key] = true;
      }
      report("onleesbaar");
      return memory[key] || null;
    }

    function migrate(envelope) {
      var schema = typeof envelope.schema === "number" ? envelope.schema : 1;
      while (schema < SCHEMA && MIGRATIONS[schema]) {
        envelope = MIGRATIONS[schema](envelope);
        schema += 1;
      }
      envelope.schema = Math.max(schema, SCHEMA);
      return envelope;
    }

    function writeEnvelope(key, envelope) {
      memory[key] = envelope;
      if (!storage || unreadable[key]) return false;
      try {
        storage.setItem(key, JSON.stringify(envelope));
        return true;
      } catch (error) {
        if (!isQuotaError(error)) throw error;
        report("vol");
        return false;
      }
    }

    function readIndex() {
      var index = readEnvelope(indexKey, function (data) { return Array.isArray(data.sets); });
      if (!index || !index.sets.length) {
        index = { format: FORMAT, schema: SCHEMA, active: DEFAULT_SET.id,
                  sets: [{ id: DEFAULT_SET.id, name: DEFAULT_SET.name, created: new Date().toISOString() }] };
      }
      index.sets = index.sets.filter(function (set) { return isObject(set) && typeof set.id === "string"; });
      if (!index.sets.some(function (set) { return set.id === index.active; })) index.active = index.sets[0].id;
      return index;
    }

    function readSet(id) {
      var envelope = readEnvelope(setKey(id), function (data) { return isObject(data.answers); });
      return envelope || { format: FORMAT, schema: SCHEMA, answers: {}, updated: null, exported: null };
    }

    /* Write one set with the given answers merged in; true when it reached storage. */
    function writeAnswers(id, changes) {
      var envelope = readSet(id);
      Object.keys(changes).forEach(function (fieldId) {
        if (!isUnsafeKey(fieldId)) envelope.answers[fieldId] = sanitize(changes[fieldId], 0);
      });
      envelope.updated = new Date().toISOString();
      return writeEnvelope(setKey(id), envelope);
    }

    function activeId() { return readIndex().active; }

    function flush() {
      var allWritten = true;
      Object.keys(pending).forEach(function (id) {
        if (writeAnswers(id, pending[id])) delete pending[id];
        else allWritten = false;
      });
      if (!storage) report("geblokkeerd");
      else if (allWritten && problem === "vol") report(null);
      return allWritten;
    }

    function save(fieldId, value) {
      var id = activeId();
      pending[id] = pending[id] || {};
      pending[id][fieldId] = value;
      return flush();
    }

    function answers() {
      var id = activeId();
      var result = readSet(id).answers;
      var unsaved = pending[id] || {};
      Object.keys(unsaved).forEach(function (fieldId) { result[fieldId] = unsaved[fieldId]; });
      return result;
    }

    function saveIndex(index) {
      writeEnvelope(indexKey, index);
      return index;
    }

    window.addEventListener("storage", function (event) {
      if (event.key === null || event.key.indexOf(namespace + ":") === 0) {
        listeners.forEach(function (listener) { listener(); });
      }
    });

    if (!storage) report("geblokkeerd");

    return {
      save: save,
      answers: answers,
      flush: flush,
      problem: function () { return problem; },
      /* Called when another tab changed the answers. */
      onExternalChange: function (listener) { listeners.push(listener); },

      // Answer sets ("werkmappen").
      sets: function () { return readIndex().sets; },
      activeSet: function () {
        var index = readIndex();
        var set = index.sets.filter(function (s) { return s.id === index.active; })[0];
        var envelope = readSet(set.id);
        return { id: set.id, name: set.name, updated: envelope.updated, exported: envelope.exported };
      },
      createSet: function (name) {
        var index = readIndex();
        var id = "m" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
        index.sets.push({ id: id, name: String(name), created: new Date().toISOString() });
        index.active = id;
        saveIndex(index);
        return id;
      },
      renameSet: function (id, name) {
        var index = readIndex();
        index.sets.forEach(function (set) { if (set.id === id) set.name = String(name); });
        saveIndex(index);
      },
      switchSet: function (id) {
        var index = readIndex();
        if (index.sets.some(function (set) { return set.id === id; })) index.active = id;
        saveIndex(index);
      },
      deleteSet: function (id) {
        var index = readIndex();
        index.sets = index.sets.filter(function (set) { return set.id !== id; });
        delete pending[id];
        delete memory[setKey(id)];
        if (storage) storage.removeItem(setKey(id));
        saveIndex(index); // readIndex() recreates a default set when none is left
      },
      /* Replace all answers of the active set (import, clear). */
      replaceAnswers: function (newAnswers) {
        var id = activeId();
        delete pending[id];
        var envelope = readSet(id);
        envelope.answers = sanitize(newAnswers, 0) || {};
        envelope.updated = new Date().toISOString();
        return writeEnvelope(setKey(id), envelope);
      },
      markExported: function () {
        var id = activeId();
        var envelope = readSet(id);
        envelope.exported = new Date().toISOString();
        writeEnvelope(setKey(id), envelope);
      },
      sanitize: function (value) { return sanitize(value, 0); },
      isUnsafeKey: isUnsafeKey,
      FORMAT: FORMAT,
      SCHEMA: SCHEMA
    };
  }

  window.Werkboek = window.Werkboek || {};
  window.Werkboek.createStore = createStore;
})();
