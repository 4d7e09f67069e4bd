/* The storage warning at the top of the page content, announced by screen readers. */
Werkboek.define("notice", function (W) {
  "use strict";

  /* kind: null (remove), "geblokkeerd", "vol" or "onleesbaar". */
  function show(kind) {
    var current = document.querySelector("[data-wb-notice]");
    if (current && current.getAttribute("data-wb-notice") === kind) return;
    if (current) current.parentNode.removeChild(current);
    if (!kind) return;
    var notice = W.util.el("div", "wb-notice", W.texts.t("notice." + kind));
    notice.setAttribute("role", "alert");
    notice.setAttribute("data-wb-notice", kind);
    var content = document.querySelector(".md-content__inner") || document.body;
    content.insertBefore(notice, content.firstChild);
  }

  return { show: show };
});
