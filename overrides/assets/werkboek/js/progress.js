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
    // The link stays in the page: a redraw comes on the change that a click on it causes (the field
    // loses focus on mousedown), and a link replaced under the pointer gets no click.
    // A workbook without werkmappen() has one werkmap, never named: the word would only puzzle.
    var setsUrl = W.workbook.setsUrl();
    var link = line.querySelector(".wb-worksheet__sets-link");
    if (setsUrl && !link) {
      link = line.appendChild(el("a", "wb-worksheet__sets-link", t("status.otherSet")));
    } else if (!setsUrl && link) {
      line.removeChild(link);
      link = null;
    }
    if (link) link.href = setsUrl;
    while (line.firstChild && line.firstChild !== link) line.removeChild(line.firstChild);
    var put = function (node) { line.insertBefore(node, link); };
    if (setsUrl) {
      put(document.createTextNode(t("status.set")));
      put(el("strong", "wb-set-name", activeSetName()));
      put(document.createTextNode(t("status.setEnd")));
    }
    put(document.createTextNode(t("status.count", { done: progress.done, total: progress.total })));
    // Reassure only while it is true; otherwise the storage warning says what is wrong.
    if (W.store && !W.store.problem() && !W.store.activeSet().example) put(document.createTextNode(t("status.saved")));
    if (link) put(document.createTextNode(" "));
  }

  W.drawEach("[data-wb-worksheet-status]", renderStatus);

  return { answersNow: answersNow, activeSetName: activeSetName };
});
