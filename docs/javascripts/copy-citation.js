// "复制引用" / "Copy citation": copies a figure's citation to the clipboard.
// A card that prints its citation (.citation beside the button) gives that text. A card on a source's page
// prints none: its citation is assembled from the page's .citation-how (data-template: the citation with the
// source filled in) and what the card says: its place, indicator, industry and subject, its period, its
// value with the doubtful mark, and its permalink (the figure's address on the published site). Those
// buttons are hidden until this script runs; without it, the page's .citation-how says how to cite.
(function () {
  "use strict";
  const how = document.querySelector(".citation-how[data-template]");

  function text(card, selector) {
    const node = card.querySelector(selector);
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // The permalink's address on the published site (data-site-url), wherever this copy is served from.
  function address(card) {
    const root = new URL(how.dataset.root, document.baseURI);
    const target = new URL(card.querySelector("a.permalink").getAttribute("href"), document.baseURI);
    const path = decodeURI(target.pathname).slice(decodeURI(root.pathname).length);
    return how.dataset.siteUrl.replace(/\/+$/, "") + "/" + path + target.hash;
  }

  function assembled(card) {
    const what = [".what-entity", ".what-indicator", ".what-industry", ".what-subject"]
      .map((selector) => text(card, selector)).filter(Boolean).join(" · ");
    const parts = { what, period: text(card, ".period"), value: text(card, ".figure-value"), address: address(card) };
    return how.dataset.template.replace(/\{(what|period|value|address)\}/g, (_, name) => parts[name]);
  }

  function citation(button) {
    const printed = button.parentElement.querySelector(".citation");
    if (printed) return printed.textContent.trim();
    return assembled(button.closest(".figure"));
  }

  if (how) document.querySelectorAll("button.copy-citation[hidden]").forEach((button) => { button.hidden = false; });

  // Where the clipboard cannot be written (no clipboard, an http:// copy of the site, a refusal), the
  // citation is shown beside the button instead, to be selected and copied by hand.
  function show(button, text) {
    let shown = button.parentElement.querySelector(".citation-shown");
    if (!shown) {
      shown = document.createElement("span");
      shown.className = "citation-shown";
      button.after(shown);
    }
    shown.textContent = text;
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button.copy-citation");
    if (!button) return;
    const text = citation(button);
    if (!navigator.clipboard || !window.isSecureContext) { show(button, text); return; }
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "✓";
      setTimeout(() => { button.textContent = label; }, 1500);
    } catch (error) {
      show(button, text);
    }
  });
})();
