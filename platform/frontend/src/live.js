// The result panel follows its pending submission live: server-sent events from
// /submissions/<pk>/events/ carry each state change, the progress ("test 3 of 8") and the verdict,
// each with the panel's HTML. EventSource reconnects by itself after a lost connection or a server
// restart, and every stream starts with the current state, so the panel is never left stale. When the
// server refuses the stream (a 500 while Postgres restarts, say), the panel asks for its state again,
// backing off up to MAX_BACKOFF_MS, and keeps following; a server error is never swapped over a
// pending panel. Without EventSource the panel falls back to a slow poll (htmx, in _result.html).
// While a submission of this page is pending, Submit and Run are disabled: one click, one job.

const streams = new Map(); // submission pk -> EventSource
const failures = new Map(); // submission pk -> refused streams or reads in a row, for the back-off
const MAX_BACKOFF_MS = 10000;

function panel(pk) {
  return document.querySelector(`#result .submission[data-submission="${pk}"]`);
}

function replacePanel(old, html) {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  const fresh = template.content.firstElementChild;
  if (!fresh) return;
  old.replaceWith(fresh);
  if (window.htmx) window.htmx.process(fresh);
}

function stop(pk) {
  const source = streams.get(pk);
  if (source) source.close();
  streams.delete(pk);
}

function follow(element) {
  const pk = element.dataset.submission;
  if (streams.has(pk) || typeof EventSource === 'undefined') return;
  const source = new EventSource(element.dataset.events);
  streams.set(pk, source);
  source.addEventListener('state', (event) => {
    failures.delete(pk);
    const data = JSON.parse(event.data);
    const current = panel(pk);
    if (!current) return stop(pk); // the learner opened another submission meanwhile
    replacePanel(current, data.html);
    if (data.state === 'done') {
      stop(pk);
      document.body.dispatchEvent(new CustomEvent('submissions-changed', { bubbles: true }));
    }
    updateButtons();
  });
  source.addEventListener('gone', () => stop(pk));
  source.addEventListener('error', () => {
    // CONNECTING: EventSource retries by itself. CLOSED: it gave up (the server refused the stream).
    if (source.readyState !== EventSource.CLOSED) return;
    stop(pk);
    recover(pk);
  });
}

function recover(pk) {
  // After a back-off, read the panel as it is now and follow it again. A server error or no
  // answer: try later. A refusal (4xx, e.g. signed out): show what the server says and stop.
  const tries = (failures.get(pk) || 0) + 1;
  failures.set(pk, tries);
  setTimeout(async () => {
    const current = panel(pk);
    if (!current) return;
    try {
      const response = await fetch(current.dataset.poll, { credentials: 'same-origin', headers: { 'HX-Request': 'true' } });
      if (response.status >= 500) throw new Error(`status ${response.status}`);
      const html = await response.text();
      const now = panel(pk);
      if (!now) return;
      if (response.ok) replacePanel(now, html);
      else document.getElementById('result').innerHTML = html;
      if ((response.headers.get('HX-Trigger') || '').includes('submissions-changed')) {
        document.body.dispatchEvent(new CustomEvent('submissions-changed', { bubbles: true }));
      }
      watch();
    } catch {
      recover(pk);
    }
  }, Math.min(500 * 2 ** (tries - 1), MAX_BACKOFF_MS));
}

function buttons() {
  return document.querySelectorAll('[data-submit-button], [data-run-button]');
}

function setBusy(busy) {
  for (const button of buttons()) {
    button.disabled = busy;
    button.setAttribute('aria-disabled', busy ? 'true' : 'false');
  }
}

function updateButtons() {
  setBusy(Boolean(document.querySelector('#result .submission[data-state="queued"], #result .submission[data-state="running"]')));
}

function watch() {
  for (const element of document.querySelectorAll('#result .submission[data-events]')) follow(element);
  updateButtons();
}

function isSubmit(event) {
  const target = event.detail && event.detail.target;
  return target && target.id === 'result';
}

function setup() {
  if (!document.getElementById('result')) return;
  // A submit or run request in flight already counts as pending: a double click sends one job.
  document.body.addEventListener('htmx:beforeRequest', (event) => {
    if (isSubmit(event) && event.detail.requestConfig.verb === 'post') setBusy(true);
  });
  document.body.addEventListener('htmx:afterRequest', (event) => {
    if (isSubmit(event) && !event.detail.successful) updateButtons(); // refused (a message): try again
  });
  document.body.addEventListener('htmx:beforeSwap', (event) => {
    // The slow poll of a pending panel met a server error: keep the panel, read it again later.
    const pending = event.detail.target && event.detail.target.querySelector('.submission[data-poll]');
    if (isSubmit(event) && event.detail.xhr.status >= 500 && event.detail.requestConfig.verb === 'get' && pending) {
      event.detail.shouldSwap = false;
      recover(pending.dataset.submission);
    }
  });
  document.body.addEventListener('htmx:afterSwap', watch);
  watch();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
else setup();
