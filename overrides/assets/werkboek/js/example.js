/* The filled example (manifest.example, from extra.werkboek.example): opened on request as a
 * werkmap of its own, read-only, with a notice on every page and one step back to the user's own
 * werkmap. Its answers are a separate file, loaded only when the user asks to see them. This code
 * (bundle "example") loads when the user opens the example, and on every page while it is open.
 */
Werkboek.define("example", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var LOCKED = "data-wb-example-locked";
  var FIELD_CONTROLS = ["input", "textarea", "select", "button"].map(function (tag) { return "[data-wb-field] " + tag; }).join(", ");
  var left = null; // {url, name}: just went back to the own werkmap, said on this page until it changes

  function activeSet() { return W.store.activeSet(); }

  /* Text boxes become read-only (still readable and selectable), choices and row buttons disabled. */
  function lockFields(scope, locked) {
    scope.querySelectorAll(FIELD_CONTROLS).forEach(function (control) {
      var textual = control.tagName === "TEXTAREA" || /^(text|date)$/.test(control.type || "");
      if (locked && !control.hasAttribute(LOCKED)) {
        control.setAttribute(LOCKED, "");
        if (textual) control.readOnly = true;
        else control.disabled = true;
      } else if (!locked && control.hasAttribute(LOCKED)) {
        control.removeAttribute(LOCKED);
        control.readOnly = false;
        control.disabled = false;
      }
    });
  }

  /* The notice at the top of the content (state "example"), or the word that we are back ("left"). */
  function renderNotice(state) {
    var notice = document.querySelector("[data-wb-example-notice]");
    if (notice && notice.getAttribute("data-wb-example-notice") === state) return notice;
    if (notice) notice.parentNode.removeChild(notice);
    if (!state) return null;
    notice = el("div", "wb-example-notice wb-example-notice--" + state);
    notice.setAttribute("data-wb-example-notice", state);
    notice.tabIndex = -1;
    if (state === "example") {
      notice.setAttribute("role", "region");
      notice.setAttribute("aria-label", t("set.exampleTag"));
      notice.appendChild(el("p", "", t("example.notice")));
      var back = el("button", "wb-button", t("example.back"));
      back.type = "button";
      back.setAttribute("data-wb-leave-example", "");
      notice.appendChild(back);
    } else {
      notice.setAttribute("role", "status");
      notice.appendChild(el("p", "", t("example.left", { name: left.name })));
    }
    var content = document.querySelector(".md-content__inner") || document.body;
    var storageNotice = content.querySelector(":scope > [data-wb-notice]");
    content.insertBefore(notice, storageNotice ? storageNotice.nextSibling : content.firstChild);
    return notice;
  }

  function render(scope) {
    if (!W.store) return;
    var example = activeSet().example;
    if (example || (left && left.url !== location.href)) left = null;
    renderNotice(example ? "example" : left ? "left" : null);
    lockFields(scope, example);
    scope.querySelectorAll("[data-wb-open-example]").forEach(function (button) { button.hidden = example; });
  }

  function focus(node) { if (node) node.focus(); }

  function open(button) {
    var example = W.workbook.manifest().example;
    var message = button.closest("[data-wb-example-offer]").querySelector("[data-wb-example-message]");
    message.textContent = "";
    W.loadFile(example.file, function () {
      var data = window.WerkboekVoorbeeld;
      if (!data || !W.util.isObject(data.answers)) {
        message.textContent = t("example.failed");
        return;
      }
      if (!W.store.openExample(W.storesets.cleanName(data.name), data.answers)) {
        message.textContent = t("example.full");
        return;
      }
      W.refresh();
      focus(document.querySelector("[data-wb-example-notice]"));
    });
  }

  function leave() {
    W.store.leaveExample();
    left = { url: location.href, name: activeSet().name };
    W.refresh();
    focus(document.querySelector("[data-wb-example-notice]"));
  }

  /* The offer's button: start.js loads this code on its first click and then calls open. */
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-wb-leave-example]");
    if (target && W.store) leave();
  });
  W.onPage(render);

  return { open: open };
});
