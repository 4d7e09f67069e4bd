/* The back-up reminder (start page and plan page): when the last back-up was made, and a nudge
 * when answers changed since or none was ever made. Safari wipes a site's storage after seven
 * days without a visit.
 */
Werkboek.define("reminder", function (W) {
  "use strict";

  var el = W.util.el;
  var t = W.texts.t;
  var REMIND_AFTER_DAYS = 7;

  function backupState() {
    var set = W.store.activeSet();
    var answers = W.store.answers();
    var hasAnswers = Object.keys(answers).some(function (id) { return W.answers.isAnswered(answers[id]); });
    var exported = set.exported ? new Date(set.exported) : null;
    var updated = set.updated ? new Date(set.updated) : null;
    var changedSince = hasAnswers && (!exported || (updated && updated > exported));
    var old = exported && (Date.now() - exported.getTime()) > REMIND_AFTER_DAYS * 864e5;
    return { set: set, exported: exported, remind: changedSince || (hasAnswers && old) };
  }

  function render(box) {
    var state = backupState();
    box.textContent = "";
    box.className = "wb-backup" + (state.remind ? " wb-backup--remind" : "");
    if (state.set.example) return; // not the user's answers: nothing to back up
    box.appendChild(el("p", "wb-backup__last", state.exported
      ? t("backup.last", { date: W.util.formatMoment(state.set.exported) }) : t("backup.none")));
    if (!state.remind) return;
    box.appendChild(el("p", "wb-backup__advice", t(state.exported ? "backup.changed" : "backup.onlyHere") + t("backup.advice")));
    if (box.closest("[data-wb-sets]")) {
      var button = el("button", "wb-button", t("backup.button"));
      button.type = "button";
      button.setAttribute("data-wb-export-json", "");
      box.appendChild(button);
    } else if (W.workbook.setsUrl()) {
      var link = el("a", "wb-backup__link", t("backup.link"));
      link.href = W.workbook.setsUrl();
      box.appendChild(link);
    }
  }

  W.drawEach("[data-wb-backup-reminder]", function (box) { if (W.store) render(box); });

  return {};
});
