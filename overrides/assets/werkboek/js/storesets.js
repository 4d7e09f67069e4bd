/* Managing werkmappen: make, open, rename and delete them, open and leave the example, replace a
 * werkmap's answers (import, clear). An extension of the store (store.js extend()): it reads and
 * writes only through store.js's own envelope functions. It comes with the pages and bundles that
 * offer these actions (the plan page, the example, the import); a worksheet only saves answers.
 */
Werkboek.define("storesets", function (W) {
  "use strict";

  /* A werkmap name as typed: one line, at most 80 characters. */
  function cleanName(text) { return String(text || "").replace(/\s+/g, " ").trim().slice(0, 80); }

  function newSetId() { return "m" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6); }

  W.storage.extend(function (store, s, kit) {
    var findSet = kit.findSet;
    var now = kit.now;

    /* Make a set active. Entering the example remembers the user's own set, to go back to. */
    function activate(index, id) {
      var target = findSet(index, id);
      if (!target) return;
      var current = findSet(index, index.active);
      if (target.example && current && !current.example) target.back = current.id;
      index.active = id;
    }

    /* A set's answers gone from storage and memory (the index is the caller's); returns null. */
    function forgetSet(id) {
      delete s.pending[id];
      kit.removeEnvelope(s, kit.setKey(s, id));
      return null;
    }

    /* A new own set, made active; with answers when given (a copy). Its id, or null when storage
       has no room for it: then nothing is left half-made and the old set stays active. */
    function createSet(name, answers) {
      var id = newSetId();
      if (answers && !kit.writeEnvelope(s, kit.setKey(s, id), kit.newEnvelope(answers)) && s.storage) return forgetSet(id);
      var written = kit.updateIndex(s, function (index) {
        index.sets.push({ id: id, name: String(name), created: now() });
        index.active = id;
      });
      return written ? id : forgetSet(id);
    }

    store.sets = function () { return kit.readIndex(s).sets; };
    store.createSet = createSet;
    /* Open the example as its own set (its answers fresh from the file each time); its id, or
       null when storage has no room for it (the user's own set stays active). */
    store.openExample = function (name, answers) {
      var existing = kit.readIndex(s).sets.filter(function (set) { return set.example; })[0];
      var id = existing ? existing.id : newSetId();
      if (!kit.writeEnvelope(s, kit.setKey(s, id), kit.newEnvelope(answers || {})) && s.storage) return null;
      var written = kit.updateIndex(s, function (index) {
        var set = findSet(index, id);
        if (!set) index.sets.push(set = { id: id, created: now(), example: true });
        set.name = String(name);
        activate(index, id);
      });
      return written ? id : existing ? null : forgetSet(id);
    };
    /* From the example back to the user's own set (a new empty one when none is left). */
    store.leaveExample = function () {
      var index = kit.readIndex(s);
      var current = findSet(index, index.active);
      if (!current.example) return current.id;
      var back = findSet(index, current.back);
      var own = back && !back.example ? back : kit.ownSets(index)[0];
      if (!own) return createSet(W.texts.t("set.default"));
      kit.updateIndex(s, function (changed) { changed.active = own.id; });
      return own.id;
    };
    store.renameSet = function (id, name) {
      kit.updateIndex(s, function (index) {
        index.sets.forEach(function (set) { if (set.id === id) set.name = String(name); });
      });
    };
    store.switchSet = function (id) {
      kit.updateIndex(s, function (index) { activate(index, id); });
    };
    store.deleteSet = function (id) {
      forgetSet(id);
      // readIndex() recreates a default set when none is left
      kit.updateIndex(s, function (index) {
        var gone = findSet(index, id);
        index.sets = index.sets.filter(function (set) { return set.id !== id; });
        if (gone && index.active === id && findSet(index, gone.back)) index.active = gone.back;
      });
    };
    /* Replace all answers of the active set (import, clear). */
    store.replaceAnswers = function (newAnswers) {
      var active = kit.activeEntry(s);
      if (active.example) return false;
      delete s.pending[active.id];
      return kit.changeActiveSet(s, function (envelope) {
        envelope.answers = kit.sanitize(newAnswers) || {};
        envelope.updated = now();
      });
    };
    store.markExported = function () {
      if (kit.activeEntry(s).example) return;
      kit.changeActiveSet(s, function (envelope) { envelope.exported = now(); });
    };
  });

  return { cleanName: cleanName };
});
