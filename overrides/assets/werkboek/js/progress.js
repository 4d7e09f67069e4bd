/* Progress: the task list (start and plan page), the status line on top of a worksheet, and the
 * diagnosis per step (sections with a field of role "verdict"). Redrawn on every saved change.
 * The build writes the list and the status line in their first state (templates/first-state/),
 * so redrawing them moves nothing on the page.
 */
Werkboek.define("progress", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var model = W.answers;
  // How a verdict's tone shows: engine presentation, the words come from the option labels.
  var SYMBOLS = { good: "✓", partly: "◐", open: "✗", none: "–" };

  function answersNow() {
    try { return W.store ? W.store.answers() : {}; } catch (error) { return {}; }
  }

  function activeSetName() {
    try { return W.store ? W.store.activeSet().name : ""; } catch (error) { return ""; }
  }

  function progressText(progress) {
    if (progress.state === "nieuw") return t("progress.new");
    if (progress.state === "klaar") return t("progress.done");
    return t("progress.busy", { done: progress.done, total: progress.total });
  }

  function renderList(block) {
    var list = block.querySelector("[data-wb-progress-list]");
    if (!list) return;
    var answers = answersNow();
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

  /* The list of steps with their verdict; false when the sheet has no verdicts. */
  function renderDiagnosis(container, sheet, answers) {
    var steps = model.diagnosisOf(sheet, answers);
    if (!steps.length) return false;
    var list = el("ol", "wb-diagnosis");
    steps.forEach(function (step) {
      var tone = step.verdict ? step.verdict.tone : "none";
      var item = el("li", "wb-diagnosis__step wb-diagnosis__step--" + tone);
      item.appendChild(el("span", "wb-diagnosis__title", step.section.title));
      var verdict = el("span", "wb-diagnosis__verdict");
      verdict.appendChild(el("span", "wb-diagnosis__symbol", SYMBOLS[tone] || SYMBOLS.none)).setAttribute("aria-hidden", "true");
      verdict.appendChild(el("span", "", t("verdict.yours", { verdict: verdictText(step) })));
      item.appendChild(verdict);
      item.appendChild(el("span", "wb-diagnosis__count", t("verdict.count", {
        answered: step.questions.length - step.open.length, total: step.questions.length })));
      list.appendChild(item);
    });
    container.appendChild(list);
    return true;
  }

  function verdictText(step) { return step.verdict ? step.verdict.label : t("verdict.none"); }

  function renderDiagnosisBlock(block) {
    var body = block.querySelector("[data-wb-diagnosis-body]");
    var sheet = W.workbook.sheet(block.getAttribute("data-wb-diagnosis"));
    if (!body || !sheet) return;
    body.textContent = "";
    if (!renderDiagnosis(body, sheet, answersNow())) body.appendChild(el("p", "", t("diagnosis.missing")));
  }

  function renderAll(scope) {
    scope.querySelectorAll("[data-wb-progress]").forEach(renderList);
    scope.querySelectorAll("[data-wb-worksheet-status]").forEach(renderStatus);
    scope.querySelectorAll("[data-wb-diagnosis]").forEach(renderDiagnosisBlock);
  }

  W.onPage(renderAll);
  document.addEventListener("werkboek:wijziging", function () { renderAll(document); });

  return { renderDiagnosis: renderDiagnosis, verdictText: verdictText, progressText: progressText,
           answersNow: answersNow, activeSetName: activeSetName, SYMBOLS: SYMBOLS };
});
