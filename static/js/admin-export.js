/* django-import-export's "select all" toggle, wired here instead of an inline onchange (CSP). */
document.addEventListener("change", function (event) {
  if (event.target.matches(".select-toggle") && typeof onSelectToggleChange === "function") {
    onSelectToggleChange(event);
  }
});
