/* The diagnosis: per section with a field of role "verdict", the verdict chosen and how many of its
 * questions are answered (a worksheet's diagnosis block, the plan, the handout). Redrawn on every
 * saved change. The build writes the block in its first state (templates/first-state/), so
 * drawing it moves nothing on the page.
 */
Werkboek.define("diagnosis", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var model = W.answers;

  /* The sign beside a verdict's words (a text, so a workbook may choose others). */
  function symbol(tone) { return t("verdict.symbol." + tone); }

  /* Per section with a field of role "verdict": the chosen option ({label, tone}, tone "none"
     when not chosen), the section's other questions and those still open. */
  function diagnosisOf(sheet, answers) {
    var tops = model.topFields(sheet);
    return (sheet.sections || []).map(function (section) {
      var verdictField = tops.filter(function (f) { return f.section === section.id && f.role === "verdict"; })[0];
      if (!verdictField) return null;
      var value = answers[verdictField.id];
      var option = (verdictField.options || []).filter(function (o) { return o.value === value; })[0];
      var questions = tops.filter(function (f) { return f.section === section.id && f !== verdictField; });
      return { section: section, field: verdictField, value: value,
               verdict: option ? { label: option.label, tone: option.tone || "none" } : null,
               questions: questions,
               open: questions.filter(function (f) { return !model.isAnswered(answers[f.id]); }) };
    }).filter(Boolean);
  }

  /* The list of steps with their verdict; false when the sheet has no verdicts. */
  function renderDiagnosis(container, sheet, answers) {
    var steps = diagnosisOf(sheet, answers);
    if (!steps.length) return false;
    var list = el("ol", "wb-diagnosis");
    steps.forEach(function (step) {
      var tone = step.verdict ? step.verdict.tone : "none";
      var item = el("li", "wb-diagnosis__step wb-diagnosis__step--" + tone);
      item.appendChild(el("span", "wb-diagnosis__title", step.section.title));
      var verdict = el("span", "wb-diagnosis__verdict");
      verdict.appendChild(el("span", "wb-diagnosis__symbol", symbol(tone))).setAttribute("aria-hidden", "true");
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
    if (!renderDiagnosis(body, sheet, W.progress.answersNow())) body.appendChild(el("p", "", t("diagnosis.missing")));
  }

  W.drawEach("[data-wb-diagnosis]", renderDiagnosisBlock);

  return { diagnosisOf: diagnosisOf, renderDiagnosis: renderDiagnosis, verdictText: verdictText, symbol: symbol };
});
