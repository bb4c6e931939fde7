// "复制引用" / "Copy citation": copies the figure's citation (the .citation text beside the button) to the
// clipboard. Without the Clipboard API (an insecure origin, an old browser) that text stays selectable.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy-citation");
  if (!button || !navigator.clipboard) return;
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(button.parentElement.querySelector(".citation").textContent.trim());
    button.textContent = "✓";
  } catch (error) {
    button.textContent = "✗";
  }
  setTimeout(() => { button.textContent = label; }, 1500);
});
