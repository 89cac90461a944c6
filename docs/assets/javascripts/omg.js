// Decide "overdue" on the reader's day, so an old build does not keep
// saying a guide is up to date. The page already reads correctly without this.
(function () {
  function check() {
    document.querySelectorAll(".omg-review[data-review-due]").forEach(function (box) {
      var due = box.getAttribute("data-review-due");
      var now = new Date();
      var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
        String(now.getDate()).padStart(2, "0");
      var overdue = today > due;
      box.setAttribute("data-review-state", overdue ? "overdue" : box.getAttribute("data-review-state") === "overdue" ? "current" : box.getAttribute("data-review-state"));
      var notice = box.querySelector(".omg-review__overdue");
      if (notice) notice.hidden = !overdue;
    });
  }
  if (window.document$) { window.document$.subscribe(check); } else { document.addEventListener("DOMContentLoaded", check); }
})();
