// Reader features that need a browser. Every page reads correctly without
// this file: controls that only work with JavaScript stay hidden until it runs.
(function () {
  function isoDay(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" +
      String(date.getDate()).padStart(2, "0");
  }

  // Decide "overdue" on the reader's day, so an old build does not keep
  // saying a guide is up to date.
  function checkReviews() {
    document.querySelectorAll(".omg-review[data-review-due]").forEach(function (box) {
      var due = box.getAttribute("data-review-due");
      var overdue = isoDay(new Date()) > due;
      box.setAttribute("data-review-state", overdue ? "overdue" : box.getAttribute("data-review-state") === "overdue" ? "current" : box.getAttribute("data-review-state"));
      var notice = box.querySelector(".omg-review__overdue");
      if (notice) notice.hidden = !overdue;
    });
  }

  // "Print this guide", and the date the paper was printed.
  function writePrintDate() {
    var day = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll("[data-omg-print-date]").forEach(function (span) {
      span.textContent = " on " + day;
    });
  }

  function setUpPrinting() {
    writePrintDate();
    document.querySelectorAll("[data-omg-print]").forEach(function (button) {
      if (button.dataset.omgReady) return;
      button.dataset.omgReady = "true";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // The home page's search button opens Material's search box.
  function setUpSearchButton() {
    document.querySelectorAll("[data-omg-search]").forEach(function (button) {
      var toggle = document.getElementById("__search");
      var input = document.querySelector("[data-md-component=search-query]");
      if (!toggle || !input || button.dataset.omgReady) return;
      button.dataset.omgReady = "true";
      button.hidden = false;
      button.addEventListener("click", function () {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
        input.focus();
      });
    });
  }

  // Glossary tooltips. Without JavaScript the browser shows the title on hover
  // and the stylesheet shows it on focus. Here the title becomes a tooltip the
  // screen reader announces (aria-describedby), shown on hover and focus, that
  // Escape dismisses (WCAG 1.4.13), with no second tooltip from the browser.
  var tips = 0;
  function setUpTooltips() {
    document.querySelectorAll("abbr.omg-abbr[title]").forEach(function (abbr) {
      var tip = document.createElement("span");
      tip.className = "omg-abbr__tip";
      tip.id = "omg-abbr-tip-" + (++tips);
      tip.setAttribute("role", "tooltip");
      tip.textContent = abbr.getAttribute("title");
      abbr.appendChild(tip);
      abbr.setAttribute("aria-describedby", tip.id);
      abbr.removeAttribute("title");
      function reset() { abbr.classList.remove("omg-abbr--dismissed"); }
      abbr.addEventListener("blur", reset);
      abbr.addEventListener("mouseleave", reset);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".omg-abbr:hover, .omg-abbr:focus").forEach(function (abbr) {
      abbr.classList.add("omg-abbr--dismissed");
    });
  });
  window.addEventListener("beforeprint", writePrintDate);

  function start() {
    checkReviews();
    setUpPrinting();
    setUpSearchButton();
    setUpTooltips();
  }
  if (window.document$) { window.document$.subscribe(start); } else { document.addEventListener("DOMContentLoaded", start); }
})();

// Material's search panel has role="dialog" but no name, so screen readers
// announce an unnamed dialog (axe: aria-dialog-name). Name it after its box.
(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
})();
