/* Start-up: one main() of small setup steps, run once; then startPage() for every page the
 * loader sees (also after instant navigation), so stored answers are back before anyone types.
 * The fields (W.fields, fields.js) come with the bundles of pages that have questions; the base
 * bundle and the task list's have none, so W.fields is read when used: instant navigation from the
 * start page to a worksheet brings it later.
 */
Werkboek.define("start", function (W) {
  "use strict";

  var store;
  var problem = null; // what the store last reported

  function logError(what, error) { if (window.console) console.error("Werkboek: " + what, error); }

  function setupStore() {
    store = W.store = W.storage.createStore(W.workbook.storageKey(), function (kind) {
      problem = kind;
      W.notice.show(kind);
    });
  }

  function save(root) {
    try {
      store.save(root.getAttribute("data-wb-field"), W.fields.read(root));
    } catch (error) {
      logError("opslaan mislukt", error);
    }
    store.askPersistence();
    document.dispatchEvent(new CustomEvent("werkboek:wijziging", { detail: { root: root } }));
  }

  /* Every change is saved at once: no delay that could drop the last keystrokes. */
  function setupSaving() {
    function onEdit(event) {
      var root = event.target.closest && event.target.closest("[data-wb-field]");
      if (!root) return;
      save(root);
      W.fields.refresh(root);
      if (event.target.type === "radio" || event.target.type === "checkbox") W.fields.syncFollowups(root);
    }
    document.addEventListener("input", onEdit);
    document.addEventListener("change", onEdit);
  }

  function setupTableButtons() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-wb-add-row], [data-wb-remove-row]");
      if (!button) return;
      var root = button.closest("[data-wb-field]");
      if (button.hasAttribute("data-wb-add-row")) W.fields.addRow(root);
      else W.fields.removeRow(root, button.closest("[data-wb-row]"));
      save(root);
    });
  }

  /* Put the stored answers on the page and let every module redraw its part. */
  function restorePage(skipFocused) {
    if (W.fields) W.fields.restore(document, store.answers(), skipFocused);
    W.notice.show(problem);
    W.runPageHooks(document);
    loadExampleWhenOpen();
  }

  /* The example's code (notice, read-only fields) comes only when the example is the open werkmap,
     or when the user asks to open it. */
  var exampleRequested = false;
  function loadExampleWhenOpen() {
    if (exampleRequested || W.example || !store.activeSet().example) return;
    exampleRequested = true;
    W.load("example", function () { restorePage(false); });
  }

  function setupExampleOffer() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-wb-open-example]");
      if (!button) return;
      exampleRequested = true;
      W.load("example", function () { W.example.open(button); });
    });
  }

  function setupLifecycle() {
    // Every pageshow: from the back/forward cache the page comes back as it was left while storage
    // may have moved on, and after a reload or an ordinary Back browsers put their remembered form
    // state back after our first restore. Either way the stored answers go in again. A page opened
    // anew has no remembered state: the first restore stands (one pass less while the page starts).
    window.addEventListener("pageshow", function (event) {
      var navigation = window.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
      if (event.persisted || !navigation || navigation.type !== "navigate") restorePage(false);
    });
    window.addEventListener("pagehide", function () { store.flush(); });
    window.addEventListener("hashchange", focusLinkedField);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") store.flush();
    });
    // Another tab saved: show its answers here too, but leave alone what is being typed.
    store.onExternalChange(function () { restorePage(true); });
  }

  /* A link to a field (the plan's "Wijzigen") puts the cursor in it, ready to type. */
  function focusLinkedField() {
    var id = decodeURIComponent(location.hash.slice(1));
    var root = id && document.getElementById(id);
    if (!root || !root.hasAttribute("data-wb-field")) return;
    var control = root.querySelector("input, textarea, select");
    if (control) control.focus({ preventScroll: true });
  }

  /* Once per element: errors stay with the field they belong to. */
  function enhanceFields() {
    if (!W.fields) return;
    W.fields.roots(document).forEach(function (root) {
      if (root.hasAttribute("data-wb-ready")) return;
      root.setAttribute("data-wb-ready", "");
      try { W.fields.enhance(root); } catch (error) { logError("veld " + root.getAttribute("data-wb-field"), error); }
    });
  }

  var started = false;

  function main() {
    started = true;
    setupStore();
    setupSaving();
    setupTableButtons();
    setupExampleOffer();
    setupLifecycle();
  }

  /* The loader calls this for every page that needs the engine. */
  function startPage() {
    if (!started) main();
    document.documentElement.classList.add("wb-js");
    enhanceFields();
    restorePage(false);
    focusLinkedField();
  }

  /* Show the stored answers again, e.g. after switching werkmap or importing. */
  W.refresh = function () { restorePage(false); };

  return { startPage: startPage };
});
