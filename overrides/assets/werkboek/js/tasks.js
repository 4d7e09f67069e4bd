/* The task list (start and plan page): every worksheet with its progress in words, redrawn on every saved
 * change. The build writes it in its first state (templates/first-state/), so redrawing it moves
 * nothing on the page.
 */
Werkboek.define("tasks", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var model = W.answers;

  /* A worksheet's progress in words (the task list, the plan). */
  function progressText(progress) {
    if (progress.state === "nieuw") return t("progress.new");
    if (progress.state === "klaar") return t("progress.done");
    return t("progress.busy", { done: progress.done, total: progress.total });
  }

  function renderList(block) {
    var list = block.querySelector("[data-wb-progress-list]");
    if (!list) return;
    var answers = W.progress.answersNow();
    list.textContent = "";
    W.workbook.worksheets().forEach(function (sheet) {
      var progress = model.progressOf(sheet, answers);
      var item = el("li", "wb-tasks__item");
      item.setAttribute("data-wb-progress-sheet", sheet.id);
      var link = el("a", "wb-tasks__link", sheet.title);
      link.href = W.util.siteUrl(sheet.url);
      var statusId = "wb-voortgang-" + sheet.id;
      link.setAttribute("aria-describedby", statusId);
      var status = el("strong", "wb-tag wb-tag--" + progress.state, progressText(progress));
      status.id = statusId;
      item.appendChild(link);
      item.appendChild(status);
      list.appendChild(item);
    });
  }

  W.drawEach("[data-wb-progress]", renderList);

  return { progressText: progressText };
});
