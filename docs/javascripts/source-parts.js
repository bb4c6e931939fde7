/* A figure's address on its source's pages names the part (page) that holds it. An address made before the
 * document was cut into parts (sources/<id>/#<figure>) or one whose figure has since moved to another part
 * is sent on to the part that holds the figure: each part's link in nav.source-parts carries the ids of its
 * first and last figure (ids of one document sort in reading order). */
(function () {
  "use strict";
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  for (const link of document.querySelectorAll("nav.source-parts a[data-first]")) {
    if (link.dataset.first <= id && id <= link.dataset.last) {
      location.replace(link.href + "#" + encodeURIComponent(id));
      return;
    }
  }
})();
