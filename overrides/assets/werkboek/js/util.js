/* Small shared helpers: elements, dates and addresses inside the site. */
Werkboek.define("util", function () {
  "use strict";

  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december"];

  /* A new element with a class and text (always textContent: user text never becomes HTML). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  /* "2024-03-07" -> "7 maart 2024"; anything else is returned as it was typed. */
  function formatDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return value;
    return Number(match[3]) + " " + MONTHS[Number(match[2]) - 1] + " " + match[1];
  }

  /* An ISO timestamp as a Dutch date; "" when there is none. */
  function formatMoment(iso) {
    var date = iso ? new Date(iso) : null;
    if (!date || isNaN(date.getTime())) return "";
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  function today() { return formatMoment(new Date().toISOString()); }

  /* A label before its answer: "Naam:", but "Voor wie is dit plan?" stays as it is (no "?:"). */
  function colon(label) { return /[?!:]$/.test(label) ? label : label + ":"; }

  /* The site root as an absolute URL: mkdocs-material's __md_scope, else its config.base. */
  function siteRoot() {
    if (window.__md_scope instanceof URL) return window.__md_scope.href;
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (error) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }

  /* A page of the site (a manifest url such as "werkbladen/blad-a/") as an absolute URL. */
  function siteUrl(path, hash) {
    var url = new URL(path || "", siteRoot());
    if (hash) url.hash = hash;
    return url.href;
  }

  return { el: el, has: has, isObject: isObject, formatDate: formatDate, formatMoment: formatMoment,
           today: today, colon: colon, siteUrl: siteUrl };
});
