/* Progressive enhancement only: every page works the same without this file. */
(function () {
  "use strict";

  // After htmx swaps in a new screen, move focus the way a page load would:
  // to the error summary when there is one, otherwise to the screen's heading.
  function focusScreen() {
    var target = document.getElementById("error-summary") || document.querySelector("#main h1");
    if (target) {
      target.focus({ preventScroll: false });
    }
  }

  function wireCopyButtons(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentElement.querySelector("[data-copy-status]");
      if (!source || !navigator.clipboard) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.value).then(
          function () { if (status) { status.textContent = button.getAttribute("data-done") || "✓"; } },
          function () { source.select(); }
        );
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { wireCopyButtons(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "main") {
      wireCopyButtons(event.target);
      focusScreen();
    }
  });
  // A history restore replaces the page body: wire it again.
  document.addEventListener("htmx:historyRestore", function () { wireCopyButtons(document); });
})();
