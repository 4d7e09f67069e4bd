/* Ready for paper on every page with answers: full copies of text answers and a footer line
 * (title, werkmap, print date) just before printing, also with the browser's own print command.
 * The print buttons print the page; blank forms (printing bundle) and the meeting handout (handout
 * bundle) are print views, drawn by their bundle when asked.
 */
Werkboek.define("paper", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;

  /* Text boxes print only their visible part, and one-line inputs cut long text: every text
     control gets a print-only copy of its text. Made only now, not on each keystroke. */
  function syncPrintCopies(scope) {
    scope.querySelectorAll(".wb-field textarea, .wb-field input[type=text]").forEach(function (control) {
      var copy = control.nextElementSibling;
      if (!copy || !copy.hasAttribute("data-wb-print-copy")) {
        copy = el("div", "wb-print-copy");
        copy.setAttribute("data-wb-print-copy", "");
        copy.setAttribute("aria-hidden", "true");
        control.parentNode.insertBefore(copy, control.nextSibling);
      }
      copy.textContent = control.value;
      copy.classList.toggle("wb-print-copy--empty", !control.value.trim());
    });
  }

  function cssString(text) {
    return '"' + String(text).replace(/[^A-Za-z0-9 .,:()\-]/g, function (c) {
      return "\\" + c.charCodeAt(0).toString(16) + " ";
    }) + '"';
  }

  /* The footer on every printed page (CSS page margin boxes). A constructed stylesheet, not a
     <style> element: the security policy the build writes allows no inline styles. */
  var footerSheet = null;
  function footerStyles() {
    if (!footerSheet && window.CSSStyleSheet && "adoptedStyleSheets" in document) {
      footerSheet = new CSSStyleSheet();
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([footerSheet]);
    }
    return footerSheet;
  }

  /* withSet: the werkmap's name goes in the footer (not on blank forms or the handout). */
  function updateFooter(what, withSet) {
    var setName = withSet === false ? "" : W.progress.activeSetName();
    var left = [W.workbook.title(), what].filter(Boolean).join(" – ") +
      (setName ? t("print.footerSet", { name: setName }) : "");
    var today = W.util.today();
    var sheet = footerStyles();
    if (sheet) {
      sheet.replaceSync("@media print { @page { " +
        "@bottom-left { content: " + cssString(left) + "; font-size: 8pt; color: #333; } " +
        "@bottom-right { content: " + cssString(t("print.footerDate", { date: today })) +
        " counter(page) " + cssString(t("print.footerOf")) + " counter(pages); font-size: 8pt; color: #333; } } }");
    }
    var line = document.querySelector("[data-wb-print-footer]");
    if (line) line.textContent = left + t("print.footerLine", { date: today });
  }

  /* The page's own heading, on the plan page as on any other. */
  function pageKind() {
    var h1 = document.querySelector(".md-content__inner h1");
    return h1 ? h1.textContent.replace(/¶/g, "").trim() : document.title;
  }

  /* Print views: another view of the page on paper (html.wb-print-<view> shows only that box),
     drawn by the bundle named here, loaded when asked: its module's printView(box, argument)
     draws and returns the title for the footer. Blank forms: one worksheet, or all for "". */
  var VIEWS = { blank: "printing", handout: "handout" };

  function printView() {
    var root = document.documentElement;
    return Object.keys(VIEWS).filter(function (view) { return root.classList.contains("wb-print-" + view); })[0];
  }

  function setView(view) {
    Object.keys(VIEWS).forEach(function (v) { document.documentElement.classList.toggle("wb-print-" + v, v === view); });
  }

  /* The box a print view draws in: hidden on screen, the only content on paper in its view. */
  function viewBox(view) {
    var box = document.querySelector("[data-wb-" + view + "]");
    if (!box) {
      box = el("div", "wb-" + view);
      box.setAttribute("data-wb-" + view, "");
      box.setAttribute("aria-hidden", "true");
      (document.querySelector(".md-content__inner") || document.body).appendChild(box);
    }
    return box;
  }

  function printPage() {
    setView("");
    updateFooter(pageKind());
    window.print();
  }

  /* Load the bundle that draws a view and the whole manifest, let it draw, then print in that view. */
  function printInView(view, argument) {
    W.load(VIEWS[view], function () {
      W.workbook.whole(function () {
        var title = W[VIEWS[view]].printView(viewBox(view), argument);
        setView(view);
        updateFooter(title, false);
        window.print();
      });
    });
  }

  window.addEventListener("beforeprint", function () {
    syncPrintCopies(document);
    if (!printView()) updateFooter(pageKind());
  });
  window.addEventListener("afterprint", function () {
    setView("");
    updateFooter(pageKind());
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest &&
      event.target.closest("[data-wb-print-plan], [data-wb-print-page], [data-wb-print-blank], [data-wb-print-handout]");
    if (!button) return;
    var view = Object.keys(VIEWS).filter(function (v) { return button.hasAttribute("data-wb-print-" + v); })[0];
    if (view) printInView(view, button.getAttribute("data-wb-print-" + view));
    else printPage();
  });

  W.onPage(function (scope) {
    // Leaving a page in a print view (instant navigation) must not change how the next one prints.
    if (!Object.keys(VIEWS).some(function (view) { return scope.querySelector("[data-wb-" + view + "]"); })) setView("");
    updateFooter(pageKind());
  });

  return { updateFooter: updateFooter };
});
