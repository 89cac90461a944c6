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
  // and the stylesheet shows it on focus. Here each abbreviation becomes a
  // toggletip: a button named by the abbreviation ("PSCB"), described by its
  // meaning (aria-describedby), shown on hover and focus, that Escape, Enter or
  // Space dismiss (WCAG 1.4.13), with no second tooltip from the browser.
  var tips = 0;
  function setUpTooltips() {
    document.querySelectorAll("abbr.omg-abbr[title]").forEach(function (abbr) {
      var tip = document.createElement("span");
      tip.className = "omg-abbr__tip";
      tip.id = "omg-abbr-tip-" + (++tips);
      tip.setAttribute("role", "tooltip");
      tip.textContent = abbr.getAttribute("title");
      // A focusable element needs a role that takes a name: without one its name is empty.
      abbr.setAttribute("role", "button");
      abbr.setAttribute("aria-label", abbr.textContent.trim());
      abbr.appendChild(tip);
      abbr.setAttribute("aria-describedby", tip.id);
      abbr.removeAttribute("title");
      function reset() { abbr.classList.remove("omg-abbr--dismissed"); }
      abbr.addEventListener("blur", reset);
      abbr.addEventListener("mouseleave", reset);
      abbr.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        abbr.classList.toggle("omg-abbr--dismissed");
      });
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

// Keyboard and screen-reader fixes to Material's own markup (WCAG 2.1.1, 2.4.3,
// 2.4.7, 4.1.2, 4.1.3). The stylesheet hides the closed side menu; this file
// names things and makes the menu button a button.
(function () {
  // The search panel has role="dialog" but no name (axe: aria-dialog-name).
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");

  // Decorative icons: the control around each one has its own name.
  function hideIcons(root) {
    root.querySelectorAll("svg:not([role=img]):not([aria-hidden])").forEach(function (svg) {
      if (svg.closest("figure")) return;  // drawings in guides are images with their own names
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
    });
  }
  hideIcons(document);

  // Search: the result count is a status message (4.1.3), read out as it changes;
  // the box says how to reach the results, which arrow keys do (Tab closes the search).
  var meta = document.querySelector(".md-search-result__meta");
  var input = document.querySelector("[data-md-component=search-query]");
  if (meta && input) {
    meta.id = meta.id || "omg-search-count";
    meta.setAttribute("role", "status");
    meta.setAttribute("aria-live", "polite");
    meta.setAttribute("aria-atomic", "true");
    var hint = document.createElement("span");
    hint.id = "omg-search-hint";
    hint.className = "omg-visually-hidden";
    hint.textContent = "Results appear below as you type. Press the down arrow to move to them and Enter to open one. Press Escape to close the search.";
    input.parentNode.appendChild(hint);
    input.setAttribute("aria-describedby", hint.id);
  }
  // The results box is scrollable, so Material lets it take focus; but Tab closes the
  // search first, leaving a stop that cannot be seen. Arrow keys reach the results.
  var results = document.querySelector(".md-search__scrollwrap");
  if (results) {
    results.setAttribute("tabindex", "-1");
    results.setAttribute("aria-label", "Search results");
    new MutationObserver(function () { hideIcons(results); })
      .observe(results, { childList: true, subtree: true });
  }

  // On a phone the open search locks the page's scrolling; Tab closes the search and
  // moves focus on before the page can scroll to it, leaving it below the screen.
  function showFocus() {
    var el = document.activeElement;
    if (!el || el === document.body) return;
    var box = el.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) el.scrollIntoView({ block: "center" });
  }
  // Material unlocks the page by removing data-md-scrolllock (and scrolls back to where
  // the reader was): then the focus is shown if it is off the screen.
  new MutationObserver(function () {
    if (!document.body.hasAttribute("data-md-scrolllock")) setTimeout(showFocus, 0);
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });

  // The menu button is a <label> for a hidden checkbox: no Tab stop, no role, no name.
  // Make it a button that says whether the menu is open; Escape closes the menu and
  // focus returns to the button; focus moves into the menu when it opens.
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector(".md-header__button[for='__drawer']");
  var menu = document.querySelector(".md-sidebar--primary");
  if (drawer && button && menu) {
    menu.id = menu.id || "omg-menu";
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", "Menu");
    button.setAttribute("aria-controls", menu.id);
    var sync = function () { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    var setOpen = function (open) {
      if (drawer.checked === open) return;
      drawer.checked = open;
      drawer.dispatchEvent(new Event("change"));
      sync();
    };
    sync();
    drawer.addEventListener("change", sync);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      setOpen(!drawer.checked);
      if (drawer.checked) {
        var first = menu.querySelector("a[href], button, input, [tabindex='0']");
        // The menu becomes visible at once (the stylesheet delays only its hiding).
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        setOpen(false);
        button.focus();
      }
    });
    // Tabbing out of the open menu closes it, so focus never sits behind it.
    document.addEventListener("focusin", function (event) {
      if (drawer.checked && !menu.contains(event.target) && event.target !== button) setOpen(false);
    });
  }
})();
