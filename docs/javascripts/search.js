/* The header's search box (overrides/partials/site-search.html), answered by Pagefind.
 *
 * Nothing of Pagefind is fetched until the reader first focuses the box: then its script is imported
 * from <site root>/pagefind/, and it loads the WASM and only the index pieces a query needs, for the
 * language of the page (<html lang>). Results are links with the page title and an excerpt whose
 * matched words are marked. Keys: "/", "s" or "f" focus the box (as in Material); ArrowDown, ArrowUp
 * and Tab move between the box and the results; Enter follows a result (in the box: the first);
 * Escape closes the results.
 */
(function () {
  "use strict";
  const box = document.querySelector(".site-search");
  if (!box) return;
  const input = box.querySelector(".site-search__input");
  const panel = box.querySelector(".site-search__results");
  const meta = box.querySelector(".site-search__meta");
  const list = box.querySelector(".site-search__list");
  const root = new URL(box.dataset.root, document.baseURI);
  const SHOWN = 10;        // results listed; the count above them says how many there are
  const DEBOUNCE_MS = 150; // a query runs once typing pauses this long
  let engine = null;       // the promise of Pagefind, made on first focus
  let latest = 0;          // the number of the newest query: answers to older ones are dropped
  let timer = 0;

  function loadEngine() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
        // Result URLs start at the site root, wherever the site is deployed.
        // termSimilarity 10: a query word matches the indexed words it begins, and an exact word counts far
        // more than a longer one; pageLength 0: a long page is not penalised for its length, so that a source
        // document using a word once is found by it as well as a short page (names and topics weigh in fields).
        await pagefind.options({ baseUrl: root.pathname, ranking: { termSimilarity: 10.0, pageLength: 0.0,
                                                                    metaWeights: metaWeights() } });
        await pagefind.init();
        return pagefind;
      });
      engine.catch(() => { engine = null; }); // a failed load is retried on the next query
    }
    return engine;
  }

  /* A page's names are in the metadata fields name_zh<N>, suffix_zh<N> and name_en<N>, N their length
   * (scripts/search_names.py): the shorter the name, the heavier, so of the names holding every word typed
   * the closest to the query comes first; each family weighs its share ("name_zh:1 suffix_zh:0.15 …").
   * Chart descriptions (image_alt) name many things: no weight. Fields of one weight whatever their words
   * (what a page's figures are about, a Chinese page's long words) come as "topics:120 source_topics:80 words:1";
   * what a page's figures are about is in numbered fields, topics1 … topics40 ("topics source_topics:40"), a
   * group of names each, each weighing so. */
  function metaWeights() {
    const weights = { image: 0, image_alt: 0 };
    const [numbered, count] = (box.dataset.numberedFields || ":0").split(":");
    const families = numbered.split(" ").filter(Boolean);
    for (const pair of (box.dataset.fieldWeights || "").split(" ").filter(Boolean)) {
      const [field, weight] = pair.split(":");
      weights[field] = Number(weight);
      if (families.includes(field)) for (let n = 1; n <= Number(count); n++) weights[field + n] = Number(weight);
    }
    const lengths = Number(box.dataset.nameLengths), step = Number(box.dataset.nameStep);
    for (const family of (box.dataset.nameFields || "").split(" ").filter(Boolean)) {
      const [field, share] = family.split(":");
      for (let n = 1; n <= lengths; n++) weights[field + n] = Number(share) * step * (lengths + 1 - n);
    }
    return weights;
  }

  /* A query as it is searched: without its stop words ("in", "of" …: data-stop-words), which begin words of
   * every page (industry, investment …), unless it has no other word (scripts/search_names.py). */
  const STOP = new Set((box.dataset.stopWords || "").split(" ").filter(Boolean));
  function searched(query) {
    const words = query.trim().split(/\s+/).filter((word) => !STOP.has(word.toLowerCase()));
    return words.length ? words.join(" ") : query;
  }

  function open() { panel.hidden = false; }
  function close() { panel.hidden = true; }

  /* A Chinese page is indexed with its text in words, space-separated (scripts/website/search_text.py):
   * the spaces between two Chinese characters or punctuation marks are taken out again, marks kept. */
  const CHINESE = document.documentElement.lang.startsWith("zh");
  const HAN = "[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef]";
  const JOINED = new RegExp(`(?<=${HAN}(?:</?mark>)*)\\s+(?=(?:</?mark>)*${HAN})`, "gu");
  function joined(text) {
    text = text.replace(/\u200b/g, "");
    return CHINESE ? text.replace(JOINED, "") : text;
  }

  /* The excerpt as text and <mark> elements only, whatever markup the index holds. */
  function excerptNodes(html) {
    const template = document.createElement("template");
    template.innerHTML = joined(html);
    return [...template.content.childNodes].map((node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }

  function resultItem(data) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.className = "site-search__link";
    link.href = data.url;
    const title = document.createElement("span");
    title.className = "site-search__title";
    title.textContent = joined((data.meta && data.meta.title) || data.url);
    const excerpt = document.createElement("span");
    excerpt.className = "site-search__excerpt";
    excerpt.append(...excerptNodes(data.excerpt || ""));
    link.append(title, excerpt);
    item.append(link);
    return item;
  }

  function countText(count) {
    if (count === 0) return box.dataset.textNone;
    if (count === 1) return box.dataset.textOne;
    return box.dataset.textOther.replace("#", String(count));
  }

  async function runQuery(query) {
    const ticket = ++latest;
    if (!query.trim()) { list.replaceChildren(); meta.textContent = ""; list.dataset.query = ""; close(); return; }
    const pagefind = await loadEngine();
    const search = await pagefind.search(searched(query));
    if (ticket !== latest || !search) return;
    const pages = await Promise.all(search.results.slice(0, SHOWN).map((result) => result.data()));
    if (ticket !== latest) return;
    meta.textContent = countText(search.results.length);
    list.replaceChildren(...pages.map(resultItem));
    list.dataset.query = query; // which query the list answers (the browser tests wait for it)
    if (document.activeElement === input) open();
  }

  function links() { return [...list.querySelectorAll("a.site-search__link")]; }

  input.addEventListener("focus", () => {
    loadEngine();
    if (input.value.trim() && list.childElementCount) open();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => runQuery(input.value), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      open();
      links()[0].focus();
    } else if (event.key === "Enter" && links().length) {
      event.preventDefault();
      links()[0].click();
    } else if (event.key === "Escape") {
      event.preventDefault(); // keeps the query (a search field would clear it) for when the box is back
      close();
      input.blur();
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.focus();
    }
  });
  // The results close when focus or a click leaves the search box.
  box.addEventListener("focusout", (event) => {
    if (!box.contains(event.relatedTarget)) close();
  });
  document.addEventListener("click", (event) => {
    if (!box.contains(event.target)) close();
  });
  // "/", "s" or "f" anywhere outside a form field focuses the box, as Material's own search does.
  // Caught before Material's keyboard handler sees it, which would otherwise switch into the mode
  // of its own (absent) search.
  window.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      event.stopPropagation();
      input.focus();
    }
  }, true);
})();
