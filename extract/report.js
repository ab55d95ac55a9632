// Page furniture is collapsed behind a button; the button shows or hides it.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".boiler-toggle");
  if (!button) return;
  var open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
});
