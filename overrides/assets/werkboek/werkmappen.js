/* Werkmappen (answer sets): create, rename, switch, delete, clear; the back-up reminder; and
 * asking the browser to keep this site's storage (navigator.storage.persist()).
 * Fills the block of the {{ werkmappen() }} macro. Names are user text: textContent only.
 */
(function () {
  "use strict";

  var Werkboek = window.Werkboek;
  var plan = Werkboek.plan;
  var el = plan.el;
  var NAME_MAX = 80;
  var REMIND_AFTER_DAYS = 7; // Safari wipes a site's storage after seven days without a visit

  function store() { return Werkboek.store; }

  function cleanName(text) { return String(text || "").replace(/\s+/g, " ").trim().slice(0, NAME_MAX); }

  function say(block, selector, text) {
    var target = block.querySelector(selector);
    if (target) target.textContent = text || "";
  }

  // -- Back-up reminder --------------------------------------------------------------------------

  function backupState() {
    var set = store().activeSet();
    var hasAnswers = Object.keys(store().answers()).some(function (id) { return plan.isAnswered(store().answers()[id]); });
    var exported = set.exported ? new Date(set.exported) : null;
    var updated = set.updated ? new Date(set.updated) : null;
    var changedSince = hasAnswers && (!exported || (updated && updated > exported));
    var old = exported && (Date.now() - exported.getTime()) > REMIND_AFTER_DAYS * 864e5;
    return { set: set, hasAnswers: hasAnswers, exported: exported, remind: changedSince || (hasAnswers && old) };
  }

  function renderReminder(box) {
    var state = backupState();
    box.textContent = "";
    box.className = "wb-backup" + (state.remind ? " wb-backup--remind" : "");
    var last = el("p", "wb-backup__last", state.exported
      ? "Je laatste back-up van deze werkmap maakte je op " + plan.formatMoment(state.set.exported) + "."
      : "Je hebt van deze werkmap nog geen back-up gemaakt.");
    box.appendChild(last);
    if (!state.remind) return;
    box.appendChild(el("p", "wb-backup__advice", (state.exported
      ? "Let op: je hebt antwoorden veranderd na je laatste back-up. "
      : "Let op: je antwoorden staan alleen in deze browser. ") +
      "Maak een back-up, dan raak je niets kwijt. " +
      "Sommige browsers wissen je antwoorden als je deze website een week niet bezoekt."));
    var sets = box.closest("[data-wb-sets]");
    if (sets) {
      var button = el("button", "wb-button", "Back-up downloaden (bestand)");
      button.type = "button";
      button.setAttribute("data-wb-export-json", "");
      box.appendChild(button);
    } else if (plan.planUrl()) {
      var link = el("a", "wb-backup__link", "Maak een back-up");
      link.href = plan.planUrl() + "#wb-werkmappen";
      box.appendChild(link);
    }
  }

  // -- The werkmappen block ----------------------------------------------------------------------

  function renderSets(block) {
    var body = block.querySelector("[data-wb-sets-body]");
    if (!body) return;
    body.hidden = false;
    var active = store().activeSet();
    var activeLine = block.querySelector("[data-wb-active-set]");
    activeLine.textContent = "";
    activeLine.appendChild(document.createTextNode("Je werkt nu in werkmap "));
    activeLine.appendChild(el("strong", "wb-set-name", active.name));
    activeLine.appendChild(document.createTextNode("."));

    var list = block.querySelector("[data-wb-set-list]");
    list.textContent = "";
    store().sets().forEach(function (set) {
      var item = el("li", "wb-sets__item" + (set.id === active.id ? " wb-sets__item--active" : ""));
      item.setAttribute("data-wb-set", set.id);
      item.appendChild(el("span", "wb-sets__name wb-set-name", set.name));
      if (set.id === active.id) {
        item.appendChild(el("span", "wb-tag wb-tag--actief", "Hierin werk je nu"));
      } else {
        var open = el("button", "wb-button wb-button--secondary", "Open");
        open.type = "button";
        open.setAttribute("data-wb-switch-set", set.id);
        open.appendChild(el("span", "wb-visually-hidden", " werkmap " + set.name));
        item.appendChild(open);
      }
      var remove = el("button", "wb-button wb-button--secondary wb-button--warning", "Verwijder");
      remove.type = "button";
      remove.setAttribute("data-wb-delete-set", set.id);
      remove.appendChild(el("span", "wb-visually-hidden", " werkmap " + set.name));
      item.appendChild(remove);
      list.appendChild(item);
    });

    var rename = block.querySelector("#wb-werkmap-naam");
    if (rename && document.activeElement !== rename) rename.value = active.name;
    block.querySelectorAll("[data-wb-backup-reminder]").forEach(renderReminder);
  }

  function setName(id) {
    var set = store().sets().filter(function (s) { return s.id === id; })[0];
    return set ? set.name : "";
  }

  function afterChange(block, message) {
    Werkboek.refresh();
    say(block, "[data-wb-sets-message]", message);
  }

  function onClick(event) {
    var target = event.target.closest && event.target.closest("[data-wb-switch-set], [data-wb-delete-set], [data-wb-clear]");
    var block = target && target.closest("[data-wb-sets]");
    if (!block) return;
    if (target.hasAttribute("data-wb-switch-set")) {
      var id = target.getAttribute("data-wb-switch-set");
      store().switchSet(id);
      afterChange(block, "Je werkt nu in werkmap " + setName(id) + ".");
      var name = block.querySelector("[data-wb-active-set]");
      if (name) { name.tabIndex = -1; name.focus(); }
    } else if (target.hasAttribute("data-wb-delete-set")) {
      var doomed = target.getAttribute("data-wb-delete-set");
      var doomedName = setName(doomed);
      if (!window.confirm("Weet je zeker dat je werkmap \"" + doomedName + "\" wilt verwijderen? " +
          "Alle antwoorden in deze werkmap ben je dan kwijt. Dat kun je niet ongedaan maken.")) return;
      store().deleteSet(doomed);
      afterChange(block, "Werkmap " + doomedName + " is verwijderd. Je werkt nu in werkmap " + store().activeSet().name + ".");
      var heading = block.querySelector("#wb-werkmappen-titel");
      if (heading) { heading.tabIndex = -1; heading.focus(); }
    } else {
      var current = store().activeSet().name;
      if (!window.confirm("Weet je zeker dat je alle antwoorden in werkmap \"" + current + "\" wilt wissen? " +
          "Dat kun je niet ongedaan maken.")) return;
      store().replaceAnswers({});
      afterChange(block, "Alle antwoorden in werkmap " + current + " zijn gewist.");
    }
  }

  function onSubmit(event) {
    var form = event.target;
    var block = form.closest && form.closest("[data-wb-sets]");
    if (!block || !(form.hasAttribute("data-wb-rename-form") || form.hasAttribute("data-wb-create-form"))) return;
    event.preventDefault();
    var input = form.querySelector("input");
    var name = cleanName(input.value);
    if (!name) {
      say(block, "[data-wb-sets-message]", "Vul eerst een naam in.");
      input.focus();
      return;
    }
    if (form.hasAttribute("data-wb-create-form")) {
      store().createSet(name);
      input.value = "";
      afterChange(block, "Werkmap " + name + " is gemaakt. Je werkt nu in deze werkmap.");
    } else {
      store().renameSet(store().activeSet().id, name);
      input.blur();
      afterChange(block, "De werkmap heet nu " + name + ".");
    }
  }

  // -- Persistent storage: asked once, when the user starts filling in ---------------------------

  function askPersistence() {
    var storage = navigator.storage;
    if (!storage || typeof storage.persist !== "function") return;
    var key = ((window.WerkboekManifest || {}).storageKey || "werkboek") + ":opslag-gevraagd";
    try {
      if (window.localStorage.getItem(key)) return;
      window.localStorage.setItem(key, new Date().toISOString());
    } catch (error) { return; }
    storage.persisted().then(function (persisted) { return persisted || storage.persist(); })
      .catch(function () { /* the browser said no: answers are still saved as usual */ });
  }

  function renderAll(scope) {
    if (!store()) return;
    scope.querySelectorAll("[data-wb-sets]").forEach(renderSets);
    scope.querySelectorAll("[data-wb-progress] [data-wb-backup-reminder]").forEach(renderReminder);
  }

  plan.afterRestore(renderAll);
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  document.addEventListener("werkboek:wijziging", function () {
    askPersistence();
    document.querySelectorAll("[data-wb-backup-reminder]").forEach(renderReminder);
  });

})();
