/* Werkmappen (answer sets): create, copy, rename, switch, delete, clear. Fills the block of the
 * {{ werkmappen() }} macro; its export and import buttons load the transfer bundle when used.
 * Names are user text: textContent only. While the (read-only) example is open, only what is safe
 * for it shows: no back-up, import, copy, rename or clearing.
 */
Werkboek.define("werkmappen", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;

  function store() { return W.store; }

  function say(block, text) {
    var target = block.querySelector("[data-wb-sets-message]");
    if (target) target.textContent = text || "";
  }

  function setButton(text, className, attribute, set) {
    var button = el("button", "wb-button wb-button--secondary" + className, text);
    button.type = "button";
    button.setAttribute(attribute, set.id);
    button.appendChild(el("span", "wb-visually-hidden", t("set.hidden", { name: set.name })));
    return button;
  }

  function renderSets(block) {
    var body = block.querySelector("[data-wb-sets-body]");
    if (!body) return;
    body.hidden = false;
    var active = store().activeSet();
    var activeLine = block.querySelector("[data-wb-active-set]");
    activeLine.textContent = "";
    activeLine.appendChild(document.createTextNode(t("set.active")));
    activeLine.appendChild(el("strong", "wb-set-name", active.name));
    activeLine.appendChild(document.createTextNode("."));

    var list = block.querySelector("[data-wb-set-list]");
    list.textContent = "";
    store().sets().forEach(function (set) {
      var item = el("li", "wb-sets__item" + (set.id === active.id ? " wb-sets__item--active" : ""));
      item.setAttribute("data-wb-set", set.id);
      item.appendChild(el("span", "wb-sets__name wb-set-name", set.name));
      if (set.example) item.appendChild(el("span", "wb-tag wb-tag--voorbeeld", t("set.exampleTag")));
      if (set.id === active.id) item.appendChild(el("span", "wb-tag wb-tag--actief", t("set.current")));
      else item.appendChild(setButton(t("set.open"), "", "data-wb-switch-set", set));
      item.appendChild(setButton(t("set.delete"), " wb-button--warning", "data-wb-delete-set", set));
      list.appendChild(item);
    });

    var rename = block.querySelector("#wb-werkmap-naam");
    if (rename && document.activeElement !== rename) rename.value = active.name;
    block.querySelectorAll("[data-wb-own-only]").forEach(function (part) { part.hidden = active.example; });
    block.querySelectorAll("[data-wb-example-only]").forEach(function (part) { part.hidden = !active.example; });
    renderCopyChoices(block);
  }

  // -- Copying a werkmap: the chosen worksheets and header fields into a new one -----------------

  /* The header fields about the user and their organisation: the same for every municipality. */
  function copyableHeader() {
    return W.workbook.header().filter(function (field) { return field.role === "organisation" || field.role === "contact"; });
  }

  function copyChoice(id, label, checked) {
    var choice = el("div", "wb-option");
    var input = el("input", "wb-option__input");
    input.type = "checkbox";
    input.id = "wb-kopie--" + id;
    input.value = id;
    input.checked = checked;
    input.setAttribute("data-wb-copy-choice", "");
    var text = el("label", "wb-option__label", label);
    text.htmlFor = input.id;
    choice.appendChild(input);
    choice.appendChild(text);
    return choice;
  }

  /* Once: the user's ticks stay while the block is redrawn. Worksheets marked copy=True are ticked. */
  function renderCopyChoices(block) {
    var box = block.querySelector("[data-wb-copy-choices]");
    if (!box || box.childElementCount) return;
    copyableHeader().forEach(function (field) {
      box.appendChild(copyChoice(field.id, t("copy.header", { label: field.label }), true));
    });
    W.workbook.worksheets().forEach(function (sheet) { box.appendChild(copyChoice(sheet.id, sheet.title, sheet.copy === true)); });
  }

  function copySet(block, form, name) {
    var chosen = Array.prototype.filter.call(form.querySelectorAll("[data-wb-copy-choice]"), function (box) { return box.checked; });
    if (!chosen.length) {
      say(block, t("copy.nothing"));
      form.querySelector("[data-wb-copy-choice]").focus();
      return;
    }
    var answers = store().answers();
    var copied = {};
    chosen.forEach(function (box) {
      var sheet = W.workbook.sheet(box.value);
      (sheet ? sheet.fields.map(function (field) { return field.id; }) : [box.value]).forEach(function (id) {
        if (W.util.has(answers, id)) copied[id] = answers[id];
      });
    });
    var from = store().activeSet().name;
    if (!store().createSet(name, copied)) return say(block, t("copy.full"));
    form.querySelector("input[type=text]").value = "";
    var what = chosen.map(function (box) { return box.nextElementSibling.textContent; }).join(", ");
    afterChange(block, t("copy.done", { name: name, what: what, from: from }), "[data-wb-active-set]");
  }

  function setName(id) {
    var set = store().sets().filter(function (s) { return s.id === id; })[0];
    return set ? set.name : "";
  }

  function afterChange(block, message, focus) {
    W.refresh();
    say(block, message);
    var target = focus && block.querySelector(focus);
    if (target) { target.tabIndex = -1; target.focus(); }
  }

  function switchSet(block, id) {
    store().switchSet(id);
    afterChange(block, t("set.switched", { name: setName(id) }), "[data-wb-active-set]");
  }

  function deleteSet(block, id) {
    var name = setName(id);
    // The example holds none of the user's answers and opens again at any time: no question.
    var example = store().sets().some(function (set) { return set.id === id && set.example; });
    if (!example && !window.confirm(t("set.confirmDelete", { name: name }))) return;
    store().deleteSet(id);
    afterChange(block, t(example ? "example.removed" : "set.deleted", { name: name, active: store().activeSet().name }),
                "#wb-werkmappen-titel");
  }

  function clearSet(block) {
    var name = store().activeSet().name;
    if (!window.confirm(t("set.confirmClear", { name: name }))) return;
    store().replaceAnswers({});
    afterChange(block, t("set.cleared", { name: name }));
  }

  /* Export and import live in the transfer bundle: loaded at the first use. */
  function transfer(action, argument) {
    W.load("transfer", function () { W.transfer[action](argument); });
  }

  var TRANSFER_BUTTONS = { "data-wb-export-json": "exportJson", "data-wb-export-text": "exportText",
                           "data-wb-copy-text": "copyText", "data-wb-import-new": "importAsNew",
                           "data-wb-import-replace": "importReplace", "data-wb-import-cancel": "importCancel" };

  function onClick(event) {
    var target = event.target.closest && event.target.closest(
      "[data-wb-switch-set], [data-wb-delete-set], [data-wb-clear], " + Object.keys(TRANSFER_BUTTONS).map(function (a) {
        return "[" + a + "]"; }).join(", "));
    if (!target) return;
    var transferAction = Object.keys(TRANSFER_BUTTONS).filter(function (a) { return target.hasAttribute(a); })[0];
    if (transferAction) return transfer(TRANSFER_BUTTONS[transferAction], target);
    var block = target.closest("[data-wb-sets]");
    if (!block) return;
    if (target.hasAttribute("data-wb-switch-set")) switchSet(block, target.getAttribute("data-wb-switch-set"));
    else if (target.hasAttribute("data-wb-delete-set")) deleteSet(block, target.getAttribute("data-wb-delete-set"));
    else clearSet(block);
  }

  function onSubmit(event) {
    var form = event.target;
    var block = form.closest && form.closest("[data-wb-sets]");
    if (!block || !["data-wb-rename-form", "data-wb-create-form", "data-wb-copy-form"].some(function (kind) {
      return form.hasAttribute(kind); })) return;
    event.preventDefault();
    var input = form.querySelector("input[type=text]");
    var name = W.storesets.cleanName(input.value);
    if (!name) {
      say(block, t("set.nameMissing"));
      input.focus();
      return;
    }
    if (form.hasAttribute("data-wb-copy-form")) {
      copySet(block, form, name);
    } else if (form.hasAttribute("data-wb-create-form")) {
      store().createSet(name);
      input.value = "";
      afterChange(block, t("set.created", { name: name }));
    } else {
      store().renameSet(store().activeSet().id, name);
      input.blur();
      afterChange(block, t("set.renamed", { name: name }));
    }
  }

  function onFile(event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-wb-import-file")) transfer("readFile", event.target);
  }

  W.onPage(function (scope) { if (store()) scope.querySelectorAll("[data-wb-sets]").forEach(renderSets); });
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  document.addEventListener("change", onFile);

  return {};
});
