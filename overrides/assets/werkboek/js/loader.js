/* The one script every page loads (deferred). On every page mkdocs-material shows (document$,
 * also after instant navigation) it looks for content that asks for a bundle (data-wb-load),
 * loads the manifest and those bundles once, in order, and starts the page. Other code loads a
 * bundle when it is needed with Werkboek.load(name, callback), a data file with Werkboek.loadFile.
 * The build puts the bundle table in front of this file:
 * window.WerkboekBundles = {name: {covers: [bundles it contains], addOn: true when it has no
 * registry, styles: its stylesheet (the CSS bundle of the same name)}}, each key only when it
 * applies. A bundle's file is its name + ".js".
 * The manifest: manifest.js has the whole workbook; a page whose content names a smaller part
 * (data-wb-manifest, a worksheet page: only its own worksheet) loads that one instead.
 */
(function () {
  "use strict";

  var Werkboek = window.Werkboek = window.Werkboek || {};
  if (Werkboek.load) return; // started twice: the first loader does the work

  var bundles = window.WerkboekBundles || {};
  var base = document.currentScript ? document.currentScript.src : location.href;
  var files = {}; // file -> "loading" | "ready"
  var waiting = [];
  var FULL = "manifest.js";
  var pageManifest = FULL; // the manifest file the current page needs
  var manifestLoaded = ""; // the manifest file that ran last: window.WerkboekManifest is its content

  function fileReady(file) { return files[file] === "ready"; }

  function requestFile(file) {
    if (files[file]) return;
    files[file] = "loading";
    var styles = /\.css$/.test(file);
    var element = document.createElement(styles ? "link" : "script");
    if (styles) {
      element.rel = "stylesheet";
      element.href = new URL(file, base).href;
    } else {
      element.src = new URL(file, base).href;
      element.async = false; // run in the order requested
    }
    element.onload = element.onerror = function () {
      files[file] = "ready";
      if (/^manifest/.test(file)) manifestLoaded = file;
      // Take the finished entries out before calling them: a callback may itself load more.
      var finished = waiting.filter(function (entry) { return entry.files.every(fileReady); });
      waiting = waiting.filter(function (entry) { return finished.indexOf(entry) === -1; });
      finished.forEach(function (entry) { entry.done(); });
    };
    // A stylesheet goes in the body: instant navigation drops from <head> what the next page's
    // head does not have, and a removed stylesheet no longer applies.
    (styles ? document.body : document.head).appendChild(element);
  }

  /* Bundles a requested or loaded bundle already contains are not loaded again. */
  function needed(names) {
    var present = names.concat(Object.keys(files).map(function (file) { return file.replace(/\.js$/, ""); }));
    return names.filter(function (name, index) {
      return bundles[name] && names.indexOf(name) === index && !present.some(function (other) {
        return other !== name && bundles[other] && (bundles[other].covers || []).indexOf(name) !== -1;
      });
    });
  }

  /* The whole manifest serves every page; a part only its own. */
  function manifestFile() {
    return manifestLoaded === FULL || manifestLoaded === pageManifest ? [] : [pageManifest];
  }

  /* A manifest file that ran before and was replaced since (instant navigation between pages)
     runs again: window.WerkboekManifest is whichever ran last. */
  function rerunIfReplaced(file) {
    if (/^manifest/.test(file) && file !== manifestLoaded && files[file] === "ready") delete files[file];
  }

  /* Load the manifest and the named bundles, then call done (at once when all are there). Scripts
     run in the order requested: add-ons after the bundles with the module registry they build on. */
  function load(names, done) {
    var wanted = needed([].concat(names));
    var ordered = wanted.filter(function (name) { return !bundles[name].addOn; })
      .concat(wanted.filter(function (name) { return bundles[name].addOn; }));
    // A bundle's stylesheet comes with it, also when another bundle brought its code already.
    var styles = [].concat(names).map(function (name) { return bundles[name] && bundles[name].styles; })
      .filter(Boolean);
    loadFiles(styles.concat(ordered.map(function (name) { return name + ".js"; })), done);
  }

  /* The same for files beside the bundles that are no bundle (data the build writes as a script). */
  function loadFiles(files, done) {
    var wanted = manifestFile().concat(files);
    wanted.forEach(rerunIfReplaced);
    var entry = { files: wanted, done: function () {
      try { done(); } catch (error) { if (window.console) console.error("Werkboek:", error); }
    } };
    if (wanted.every(fileReady)) return entry.done();
    waiting.push(entry);
    wanted.forEach(requestFile);
  }

  function startPage() {
    var names = [], parts = [];
    document.querySelectorAll("[data-wb-load]").forEach(function (element) {
      parts.push(element.getAttribute("data-wb-manifest") || FULL);
      element.getAttribute("data-wb-load").split(/\s+/).forEach(function (name) { if (name) names.push(name); });
    });
    // html.wb-js: the engine ran and the page is ready (set by start.js once the answers are back).
    if (!names.length) return document.documentElement.classList.add("wb-js");
    pageManifest = parts.every(function (part) { return part === parts[0]; }) ? parts[0] : FULL;
    load(names, function () { if (Werkboek.start) Werkboek.start.startPage(); });
  }

  Werkboek.load = load;
  Werkboek.loadFile = function (file, done) { loadFiles([file], done); };
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(startPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPage);
  else startPage();
})();
