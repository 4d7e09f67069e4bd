/* Access to the manifest (window.WerkboekManifest, written by the build): the one description of
 * this workbook. Nothing about a particular workbook is written in the engine itself.
 */
Werkboek.define("workbook", function (W) {
  "use strict";

  var EMPTY = { schema: 0, storageKey: "werkboek", title: "", plan: null, texts: {}, header: [], worksheets: [],
                renames: { fields: {}, values: {} } };

  function manifest() {
    var m = window.WerkboekManifest;
    if (!m || !Array.isArray(m.worksheets)) return EMPTY;
    return m;
  }

  function header() { return manifest().header || []; }
  function worksheets() { return manifest().worksheets; }

  function sheet(id) { return worksheets().filter(function (s) { return s.id === id; })[0] || null; }

  /* The header field with a role (organisation, audience, contact, date), or null. */
  function headerRole(role) { return header().filter(function (f) { return f.role === role; })[0] || null; }

  /* Where you choose, make and back up werkmappen (werkmappen()), absolute; "" when nowhere. */
  function setsUrl() {
    var sets = manifest().sets;
    return sets ? W.util.siteUrl(sets.url, "wb-werkmappen") : "";
  }

  /* Run done once the whole manifest is here: a worksheet page loads only its part (its own
     worksheet, no wording), enough for the page itself; printing and the handout need all of it. */
  function whole(done) {
    if (manifest().part === undefined) return done();
    W.loadFile("manifest.js", done);
  }

  function renames() {
    var r = manifest().renames || {};
    return { fields: r.fields || {}, values: r.values || {} };
  }

  return { manifest: manifest, header: header, worksheets: worksheets, sheet: sheet,
           headerRole: headerRole, setsUrl: setsUrl, renames: renames, whole: whole,
           title: function () { return manifest().title || ""; },
           planTitle: function () { return (manifest().plan || {}).title || ""; },
           storageKey: function () { return manifest().storageKey || "werkboek"; } };
});
