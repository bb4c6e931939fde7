// Sort a table.sortable by the clicked column; numbers numerically, text by Chinese collation.
// Progressive enhancement: without it the tables are still complete, in their default order.
document.addEventListener("click", function (event) {
  var th = event.target.closest("table.sortable th");
  if (!th) return;
  var table = th.closest("table"), body = table.tBodies[0], index = th.cellIndex;
  var ascending = th.getAttribute("aria-sort") !== "ascending";
  var collator = new Intl.Collator("zh-CN", { numeric: true });
  var rows = Array.prototype.slice.call(body.rows);
  // A cell's data-sort is its value as a number (a figure printed "约1.2亿元" sorts by 120000000);
  // rows without one (no figure) go last whichever way the column is sorted.
  function value(row) {
    var cell = row.cells[index];
    return cell && cell.hasAttribute("data-sort") ? parseFloat(cell.getAttribute("data-sort")) : null;
  }
  rows.sort(function (a, b) {
    var vx = value(a), vy = value(b);
    if (vx !== null || vy !== null) {
      if (vx === null || vy === null) return vx === null ? 1 : -1;
      return ascending ? vx - vy : vy - vx;
    }
    var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
    var nx = parseFloat(x), ny = parseFloat(y);
    var order = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) ? nx - ny : collator.compare(x, y);
    return ascending ? order : -order;
  });
  Array.prototype.forEach.call(th.parentNode.cells, function (cell) { cell.removeAttribute("aria-sort"); });
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  rows.forEach(function (row) { body.appendChild(row); });
});

// A table wider than the page scrolls sideways (in Material's wrapper, or itself if sortable); a keyboard
// user can scroll it only if it takes focus (WCAG 2.1.1), so a scroll box that overflows gets tabindex 0.
// The region is named by the heading above the table, so a screen reader says what the focus landed on.
function headingBefore(node) {
  for (let el = node.previousElementSibling; el; el = el.previousElementSibling) {
    if (/^H[1-6]$/.test(el.tagName) && el.id) return el;
  }
  return null;
}
function focusableScrollRegions() {
  document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table.sortable").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth) {
      const heading = headingBefore(wrap);
      wrap.setAttribute("tabindex", "0");
      // A table keeps its own role; Material's wrapper div becomes a named region.
      if (wrap.tagName !== "TABLE") wrap.setAttribute("role", "region");
      if (heading) wrap.setAttribute("aria-labelledby", heading.id);
    } else {
      ["tabindex", "role", "aria-labelledby"].forEach(function (name) { wrap.removeAttribute(name); });
    }
  });
}
window.addEventListener("load", focusableScrollRegions);
window.addEventListener("resize", focusableScrollRegions);
