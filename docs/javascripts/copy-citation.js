// "复制引用": copies a figure's citation (the button's data-copy) to the clipboard. Without the
// Clipboard API (an insecure origin, an old browser) the citation text beside the button stays selectable.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy-citation");
  if (!button || !navigator.clipboard) return;
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(button.dataset.copy);
    button.textContent = "✓";
  } catch (error) {
    button.textContent = "✗";
  }
  setTimeout(() => { button.textContent = label; }, 1500);
});
