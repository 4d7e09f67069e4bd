/* Progress: the status line on top of a worksheet, redrawn on every saved change, and the answers
 * and werkmap name as they are now. The task list (tasks.js) and the diagnosis (diagnosis.js) build on it. The
 * build writes the status line in its first state (templates/first-state/), so redrawing it moves
 * nothing on the page.
 */
Werkboek.define("progress", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var model = W.answers;

  function answersNow() {
    try { return W.store ? W.store.answers() : {}; } catch (error) { return {}; }
  }

  function activeSetName() {
    try { return W.store ? W.store.activeSet().name : ""; } catch (error) { return ""; }
  }

  function renderStatus(line) {
    var root = line.closest("[data-wb-worksheet]");
    var sheet = root && W.workbook.sheet(root.getAttribute("data-wb-worksheet"));
    if (!sheet) return;
    var progress = model.progressOf(sheet, answersNow());
    line.textContent = "";
    line.appendChild(document.createTextNode(t("status.set")));
    line.appendChild(el("strong", "wb-set-name", activeSetName()));
    line.appendChild(document.createTextNode(t("status.count", { done: progress.done, total: progress.total })));
    // Reassure only while it is true; otherwise the storage warning says what is wrong.
    if (W.store && !W.store.problem() && !W.store.activeSet().example) line.appendChild(document.createTextNode(t("status.saved")));
    var planUrl = W.workbook.planUrl("wb-werkmappen");
    if (planUrl) {
      line.appendChild(document.createTextNode(" "));
      var link = el("a", "wb-worksheet__sets-link", t("status.otherSet"));
      link.href = planUrl;
      line.appendChild(link);
    }
  }

  W.drawEach("[data-wb-worksheet-status]", renderStatus);

  return { answersNow: answersNow, activeSetName: activeSetName };
});
