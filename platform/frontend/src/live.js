// The result panel follows its pending submission live: server-sent events from
// /submissions/<pk>/events/ carry each state change, the progress ("test 3 of 8") and the verdict,
// each with the panel's HTML. EventSource reconnects by itself after a lost connection or a server
// restart, and every stream starts with the current state, so the panel is never left stale. If the
// events cannot be had at all, the panel falls back to a slow poll (htmx, in _result.html).
// While a submission of this page is pending, Submit and Run are disabled: one click, one job.

const streams = new Map(); // submission pk -> EventSource

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
    // CONNECTING: EventSource retries by itself. CLOSED: it gave up (the server refused the stream);
    // ask for the panel once, which brings back the slow htmx poll.
    if (source.readyState !== EventSource.CLOSED) return;
    stop(pk);
    const current = panel(pk);
    if (current && window.htmx) window.htmx.ajax('GET', current.dataset.poll, { target: '#result', swap: 'innerHTML' });
  });
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
  document.body.addEventListener('htmx:afterSwap', watch);
  watch();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
else setup();
