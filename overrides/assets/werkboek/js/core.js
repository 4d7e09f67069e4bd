/* The module registry every bundle starts with. A module registers once under its name, also when
 * it comes in two bundles (instant navigation from a worksheet to the plan loads the plan bundle,
 * which repeats the worksheet modules). Page work registers with onPage and runs after the
 * answers are back on the page (start.js).
 */
(function () {
  "use strict";

  var Werkboek = window.Werkboek = window.Werkboek || {};
  if (Werkboek.define) return;

  var pageHooks = [];

  /* define("name", function (Werkboek) { return {...}; }): Werkboek.name, made once. */
  Werkboek.define = function (name, factory) {
    if (Object.prototype.hasOwnProperty.call(Werkboek, name)) return;
    Werkboek[name] = factory(Werkboek);
  };

  /* Run fn(document) on every page, after its answers are restored; errors stay in that hook. */
  Werkboek.onPage = function (fn) { pageHooks.push(fn); };

  /* draw(element) for every element matching selector: on every page, and again after every
     saved change (start.js sends "werkboek:wijziging"). */
  Werkboek.drawEach = function (selector, draw) {
    function drawAll(scope) { scope.querySelectorAll(selector).forEach(draw); }
    pageHooks.push(drawAll);
    document.addEventListener("werkboek:wijziging", function () { drawAll(document); });
  };

  Werkboek.runPageHooks = function (scope) {
    pageHooks.forEach(function (hook) {
      try { hook(scope); } catch (error) { if (window.console) console.error("Werkboek:", error); }
    });
  };
})();
