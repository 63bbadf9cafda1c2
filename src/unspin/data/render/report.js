// unspin report: show the notes of a highlighted passage in the details panel.
// Holds no article data: it copies the already-escaped notes (<li id="sN">) that the page contains.
(function () {
  "use strict";
  var panel = document.getElementById("details");
  var list = document.getElementById("details-body");
  var hint = document.getElementById("details-hint");
  if (!panel || !list) { return; }
  var active = [];

  function shown(item) {
    var box = document.getElementById("f" + item.getAttribute("data-l"));
    return !box || box.checked;
  }

  function select(mark) {
    active.forEach(function (m) { m.classList.remove("active"); });
    var ids = (mark.getAttribute("data-s") || "").split(" ").filter(function (id) { return /^\d+$/.test(id); });
    var copies = [];
    ids.forEach(function (id) {
      var item = document.getElementById("s" + id);
      if (item && shown(item)) {
        var copy = item.cloneNode(true);
        copy.removeAttribute("id");
        copies.push(copy);
      }
    });
    list.replaceChildren.apply(list, copies);
    if (hint) { hint.hidden = copies.length > 0; }
    active = ids.length ? Array.prototype.slice.call(
      document.querySelectorAll(ids.map(function (id) { return 'mark[data-s~="' + id + '"]'; }).join(","))) : [];
    active.forEach(function (m) { m.classList.add("active"); });
    panel.classList.toggle("open", copies.length > 0);
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-s]");
    if (mark) { select(mark); }
  });
  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-s]");
    if (mark) { select(mark); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.classList.remove("open"); }
  });
  var close = document.getElementById("details-close");
  if (close) { close.addEventListener("click", function () { panel.classList.remove("open"); }); }
})();
