// Typesets the math that markdown-it-py's dollarmath plugin leaves in lesson
// HTML: <span class="math inline">…</span> and <div class="math block">…</div>.
import katex from 'katex';
import 'katex/dist/katex.css';

const SELECTOR = '.math.inline, .math.block';

function renderElement(el) {
  // katex.render replaces the element's content, so a second pass would
  // typeset KaTeX's own output text; the marker makes re-runs harmless.
  if (el.hasAttribute('data-rendered')) return;
  try {
    katex.render(el.textContent, el, {
      displayMode: el.classList.contains('block'),
      throwOnError: false, // show bad TeX in red instead of breaking the page
    });
    el.setAttribute('data-rendered', '');
  } catch (err) {
    // throwOnError only covers TeX parse errors; keep going with the rest.
    console.error('KaTeX failed on', el, err);
  }
}

export function renderMath(root = document) {
  if (root instanceof Element && root.matches(SELECTOR)) renderElement(root);
  root.querySelectorAll(SELECTOR).forEach(renderElement);
}

window.renderMath = renderMath;

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => renderMath());
} else {
  renderMath(); // script loaded late (defer/async/end of body)
}

// htmx fires afterSwap on the swap target. With an outerHTML swap the old
// target is detached, so fall back to the whole document (cheap: rendered
// elements are skipped).
document.addEventListener('htmx:afterSwap', (event) => {
  const target = event.detail?.target ?? event.target;
  renderMath(target instanceof Element && target.isConnected ? target : document);
});
