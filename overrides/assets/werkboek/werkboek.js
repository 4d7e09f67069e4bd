/* Start-up of the worksheet script: one main() of small setup steps.
 * Started through mkdocs-material's document$, so every page (also after instant navigation)
 * gets its stored answers back before anyone can type.
 */
(function () {
  "use strict";

  var Werkboek = window.Werkboek;
  var scriptBase = document.currentScript && document.currentScript.src;
  var loadedOnDemand = {};
  var fields = Werkboek.fields;
  var store;
  var problem = null; // what the store last reported: null, "geblokkeerd", "vol" or "onleesbaar"
  // Scripts that load earlier (plan, werkmappen) queue their per-page work here.
  var pageHooks = Werkboek.pageHooks = Werkboek.pageHooks || [];

  var NOTICES = {
    geblokkeerd: "Let op: je antwoorden worden niet bewaard. Je browser staat niet toe dat deze website " +
      "iets opslaat. Je kunt verder typen, maar na het sluiten van de pagina ben je je antwoorden kwijt. " +
      "Druk je antwoorden af of sla ze op als pdf voordat je stopt.",
    vol: "Let op: je laatste wijziging is niet bewaard, want de opslag van je browser is vol. Wat je typte " +
      "staat nog op het scherm. Maak ruimte, bijvoorbeeld door een oude werkmap te verwijderen, " +
      "of druk je antwoorden af.",
    onleesbaar: "We konden je eerder opgeslagen antwoorden niet lezen. We hebben ze apart bewaard in je " +
      "browser, zodat er niets verloren gaat. Je kunt gewoon verder werken."
  };

  function setupStore() {
    var manifest = window.WerkboekManifest || {};
    store = Werkboek.createStore(manifest.storageKey || "werkboek", function (kind) {
      problem = kind;
      showNotice();
    });
    Werkboek.store = store;
  }

  /* A visible warning at the top of the page content, announced by screen readers. */
  function showNotice() {
    var kind = problem;
    var current = document.querySelector("[data-wb-notice]");
    if (current && current.getAttribute("data-wb-notice") === kind) return;
    if (current) current.parentNode.removeChild(current);
    if (!kind) return;
    var notice = document.createElement("div");
    notice.className = "wb-notice";
    notice.setAttribute("role", "alert");
    notice.setAttribute("data-wb-notice", kind);
    notice.textContent = NOTICES[kind];
    var content = document.querySelector(".md-content__inner") || document.body;
    content.insertBefore(notice, content.firstChild);
  }

  function save(root) {
    try {
      store.save(root.getAttribute("data-wb-field"), fields.read(root));
    } catch (error) {
      if (window.console) console.error("Werkboek: opslaan mislukt", error);
    }
    document.dispatchEvent(new CustomEvent("werkboek:wijziging", { detail: { root: root } }));
  }

  /* Every change is saved at once: no delay that could drop the last keystrokes. */
  function setupSaving() {
    function onEdit(event) {
      var root = event.target.closest && event.target.closest("[data-wb-field]");
      if (!root) return;
      save(root);
      fields.refresh(root);
      if (event.target.type === "radio" || event.target.type === "checkbox") fields.syncFollowups(root);
    }
    document.addEventListener("input", onEdit);
    document.addEventListener("change", onEdit);
  }

  function setupTableButtons() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-wb-add-row], [data-wb-remove-row]");
      if (!button) return;
      var root = button.closest("[data-wb-field]");
      if (button.hasAttribute("data-wb-add-row")) fields.addRow(root);
      else fields.removeRow(root, button.closest("[data-wb-row]"));
      save(root);
    });
  }

  function restorePage(skipFocused) {
    fields.restore(document, store.answers(), skipFocused);
    showNotice();
    pageHooks.forEach(function (hook) {
      try { hook(document); } catch (error) { if (window.console) console.error("Werkboek:", error); }
    });
  }

  function setupLifecycle() {
    // Back, forward and reload: the browser puts back the radios and checkboxes as they were left
    // (Chromium after our first restore; from the back/forward cache the whole page), while storage
    // may have moved on. Stored answers win. (autocomplete="off" is not allowed on those inputs.)
    window.addEventListener("pageshow", function () { restorePage(false); });
    window.addEventListener("pagehide", function () { store.flush(); });
    window.addEventListener("hashchange", focusLinkedField);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") store.flush();
    });
    // Another tab saved: show its answers here too, but leave alone what is being typed.
    store.onExternalChange(function () { restorePage(true); });
  }

  /* Scripts only one page needs (export and import) load when a block on the page asks for them
     with data-wb-load, so other pages do not carry them. */
  function loadOnDemand() {
    document.querySelectorAll("[data-wb-load]").forEach(function (block) {
      var file = block.getAttribute("data-wb-load");
      if (loadedOnDemand[file] || !scriptBase) return;
      loadedOnDemand[file] = true;
      var script = document.createElement("script");
      script.src = new URL(file, scriptBase).href;
      document.body.appendChild(script);
    });
  }

  /* A link to a field (the plan's "Wijzigen") puts the cursor in it, ready to type. */
  function focusLinkedField() {
    var id = decodeURIComponent(location.hash.slice(1));
    var root = id && document.getElementById(id);
    if (!root || !root.hasAttribute("data-wb-field")) return;
    var control = root.querySelector("input, textarea, select");
    if (control) control.focus({ preventScroll: true });
  }

  function initPage() {
    document.documentElement.classList.add("wb-js");
    fields.roots(document).forEach(function (root) {
      if (root.hasAttribute("data-wb-ready")) return;
      root.setAttribute("data-wb-ready", "");
      try { fields.enhance(root); } catch (error) {
        if (window.console) console.error("Werkboek: veld " + root.getAttribute("data-wb-field"), error);
      }
    });
    restorePage(false);
    loadOnDemand();
    focusLinkedField();
  }

  function main() {
    setupStore();
    setupSaving();
    setupTableButtons();
    setupLifecycle();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(initPage);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", initPage);
    } else {
      initPage();
    }
  }

  /* Show the stored answers again, e.g. after switching werkmap or importing. */
  Werkboek.refresh = function () { restorePage(false); };

  main();
})();
