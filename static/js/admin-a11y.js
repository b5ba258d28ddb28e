// Django's filter_horizontal widget puts aria-label on a plain <span> inside each search box's
// <label>, which ARIA does not allow on an element with no role. The span is an icon that names
// the search box, so it gets the img role that its label needs. The widget is built on the
// window's load event, so this runs just after.
window.addEventListener("load", function () {
  window.setTimeout(function () {
    document.querySelectorAll(".selector .search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }, 0);
});
