/* Ready for paper on every page with answers: full copies of text answers and a footer line
 * (title, werkmap, print date) just before printing, also with the browser's own print command.
 * The print buttons print the page; blank forms come from the printing bundle, loaded when asked.
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

  function updateFooter(what) {
    var setName = W.progress.activeSetName();
    var left = [W.workbook.title(), what].filter(Boolean).join(" – ") +
      (setName && what !== t("print.kindBlank") ? t("print.footerSet", { name: setName }) : "");
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

  function pageKind() {
    if (document.querySelector("[data-wb-plan]")) return t("print.kindPlan");
    var h1 = document.querySelector(".md-content__inner h1");
    return h1 ? h1.textContent.replace(/¶/g, "").trim() : document.title;
  }

  function blankMode() { return document.documentElement.classList.contains("wb-print-blank"); }

  function printPage() {
    document.documentElement.classList.remove("wb-print-blank");
    updateFooter(pageKind());
    window.print();
  }

  /* Blank forms: the printing bundle draws them, then the page prints in blank mode. */
  function printBlank(sheetId) {
    W.load("printing", function () {
      W.printing.renderBlank(sheetId);
      document.documentElement.classList.add("wb-print-blank");
      updateFooter(t("print.kindBlank"));
      window.print();
    });
  }

  window.addEventListener("beforeprint", function () {
    syncPrintCopies(document);
    if (!blankMode()) updateFooter(pageKind());
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("wb-print-blank");
    updateFooter(pageKind());
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-wb-print-plan], [data-wb-print-page], [data-wb-print-blank]");
    if (!button) return;
    if (button.hasAttribute("data-wb-print-blank")) printBlank(button.getAttribute("data-wb-print-blank"));
    else printPage();
  });

  W.onPage(function (scope) {
    // Leaving a page in blank mode (instant navigation) must not blank the next one.
    if (!scope.querySelector("[data-wb-blank]")) document.documentElement.classList.remove("wb-print-blank");
    updateFooter(pageKind());
  });

  return { updateFooter: updateFooter };
});
