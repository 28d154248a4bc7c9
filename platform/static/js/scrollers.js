// Keyboard access to boxes that scroll (long code lines, wide maths, printed output): a box whose
// content overflows gets into the tab order, so arrow keys can scroll it. Run again after htmx swaps.
(function () {
  const SELECTOR = 'pre, .math.block, .katex-display, .grid-scroll, .solution-code';

  function mark(root) {
    root.querySelectorAll(SELECTOR).forEach((el) => {
      const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      if (overflows && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    });
  }

  const all = () => mark(document);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all);
  else all();
  window.addEventListener('load', all); // after fonts and KaTeX have set the final sizes
  document.addEventListener('htmx:afterSettle', all);
  document.addEventListener('toggle', all, true); // a <details> opened: its boxes now have a size
})();
