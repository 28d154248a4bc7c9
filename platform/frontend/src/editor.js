// Upgrades the exercise page's <textarea data-editor> to a CodeMirror 6
// editor. The textarea stays in the form (hidden) and is kept in sync, so
// htmx/normal form submission keeps working without knowing about the editor.
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { indentWithTab } from '@codemirror/commands';
import { indentUnit } from '@codemirror/language';
import { python } from '@codemirror/lang-python';
import './live.js'; // the result panel's live updates and the Submit/Run lock

const SAVE_DELAY_MS = 800;
const RETRY_DELAY_MS = 5000;
const RESET_PROMPT = 'Replace your code with the starter code? Your current code will be lost.';

// Code the server refused as a draft (over its size limit) is kept in this
// browser instead, under the draft URL, until a draft saves again.
const localKey = (url) => `groundwork-draft:${url}`;

function keepLocally(url, code) {
  try {
    localStorage.setItem(localKey(url), code);
    return true;
  } catch {
    return false; // storage full or disabled
  }
}

// Autosaves the code to the server. The initial code came from the server
// (starter or stored draft), so it counts as already saved.
function createDraftSaver({ url, form, statusEl, getCode }) {
  let savedCode = getCode();
  let timer = null;
  let inFlight = false;
  let changedDuringSave = false;

  const setStatus = (text) => {
    if (statusEl) statusEl.textContent = text;
  };

  const formData = (code) => {
    const data = new FormData();
    data.append('code', code);
    // Read at send time in case the token input is re-rendered.
    const token = form.querySelector('input[name="csrfmiddlewaretoken"]');
    data.append('csrfmiddlewaretoken', token ? token.value : '');
    return data;
  };

  const schedule = (delay = SAVE_DELAY_MS) => {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  };

  async function save() {
    clearTimeout(timer);
    timer = null;
    // One request at a time, so an older draft can never overwrite a newer one.
    if (inFlight) {
      changedDuringSave = true;
      return;
    }
    const code = getCode();
    if (code === savedCode) return;

    inFlight = true;
    setStatus('Saving…');
    let ok = false;
    let refusal = ''; // the server read the draft and refused it (too big, control characters): say why
    let tooLarge = false;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: formData(code),
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'fetch' },
        // A redirect (e.g. to the login page) means the draft was not stored.
        redirect: 'error',
      });
      ok = response.ok;
      if (response.status === 400) refusal = await response.text();
      tooLarge = response.status === 413;
    } catch {
      ok = false; // network error or redirect
    }
    inFlight = false;

    if (tooLarge) {
      savedCode = code; // retrying cannot help; the next edit tries again
      setStatus(keepLocally(url, code)
        ? 'Too large to save as a draft: kept in this browser only'
        : 'Too large to save as a draft, and this browser cannot keep it: copy your code somewhere safe');
    } else if (ok) {
      savedCode = code;
      localStorage.removeItem(localKey(url));
      setStatus('Draft saved');
      if (changedDuringSave) {
        changedDuringSave = false;
        save();
      }
    } else if (refusal) {
      changedDuringSave = false; // the next edit tries again
      setStatus(`Draft not saved: ${refusal}`);
    } else {
      changedDuringSave = false; // the retry sends the latest code anyway
      setStatus('Draft not saved (offline?) – retrying');
      schedule(RETRY_DELAY_MS);
    }
  }

  // fetch may be cancelled when the page goes away; a beacon survives it.
  // Beacons cannot carry custom headers, so the endpoint must not require them.
  function flush() {
    const code = getCode();
    if (code === savedCode) return;
    if (navigator.sendBeacon(url, formData(code))) {
      // Both visibilitychange and pagehide fire on navigation; send once.
      savedCode = code;
      clearTimeout(timer);
      timer = null;
    }
  }

  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });

  return { schedule };
}

function clickButton(form, selector) {
  const button = form && form.querySelector(selector);
  if (button) button.click(); // a real click, so htmx sees the submit
  return true; // always swallow the key so Mod-Enter never inserts a newline
}

function readStarterCode() {
  const script = document.getElementById('starter-code');
  return script ? JSON.parse(script.textContent) : null;
}

function setupEditor(textarea) {
  const form = textarea.form;
  let draft = null;

  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        // Highest precedence: basicSetup's default keymap binds Mod-Enter to
        // "insert blank line".
        Prec.highest(
          keymap.of([
            { key: 'Mod-Enter', run: () => clickButton(form, '[data-submit-button]') },
            { key: 'Shift-Mod-Enter', run: () => clickButton(form, '[data-run-button]') },
          ]),
        ),
        basicSetup,
        // Tab indents; Escape then Tab still moves focus out (CodeMirror's
        // built-in escape hatch for keyboard users).
        keymap.of([indentWithTab]),
        python(),
        indentUnit.of('    '),
        EditorView.contentAttributes.of({ 'aria-label': 'Code editor' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          if (draft) draft.schedule();
        }),
      ],
    }),
  });

  textarea.after(view.dom);
  textarea.style.display = 'none';

  const getCode = () => view.state.doc.toString();
  const setCode = (text) =>
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });

  const draftUrl = textarea.dataset.draftUrl;
  const kept = draftUrl && localStorage.getItem(localKey(draftUrl));
  if (kept && kept !== getCode()) setCode(kept); // too large for the server: this browser kept it
  if (draftUrl && form) {
    draft = createDraftSaver({
      url: draftUrl,
      form,
      statusEl: form.querySelector('[data-draft-status]'),
      getCode,
    });
    if (kept) form.querySelector('[data-draft-status]').textContent = 'Too large to save as a draft: kept in this browser only';
  }

  const resetButton = form && form.querySelector('[data-reset-button]');
  if (resetButton) {
    resetButton.addEventListener('click', () => {
      const starter = readStarterCode();
      if (starter === null || !window.confirm(RESET_PROMPT)) return;
      setCode(starter); // goes through updateListener, so it is autosaved too
      view.focus();
    });
  }

  return { view, getCode, setCode };
}

function init() {
  const textarea = document.querySelector('textarea[data-editor]');
  if (textarea) window.codeEditor = setupEditor(textarea);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init);
} else {
  init();
}
