// Small DOM helpers. Text is always set with textContent: whatever a person typed is shown
// as text and never interpreted as markup.

let uid = 0;
export const nextId = (prefix) => `${prefix}-${++uid}`;

/** h('p', { class: 'x' }, 'text', child) — attributes, then text or element children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A labelled input with a hint and an error slot tied to it by aria-describedby. */
export function field({ label, name, value = '', hint = '', type = 'text', inputmode, multiline = false, attrs = {} }) {
  const id = nextId('f');
  const hintId = hint ? `${id}-hint` : null;
  const errId = `${id}-error`;
  const control = multiline
    ? h('textarea', { id, name, rows: 3, 'aria-describedby': [hintId, errId].filter(Boolean).join(' '), ...attrs })
    : h('input', { id, name, type, inputmode, autocomplete: 'off', 'aria-describedby': [hintId, errId].filter(Boolean).join(' '), ...attrs });
  control.value = value ?? '';
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'error', id: errId, 'aria-live': 'polite' }));
}

/** A select with a visible label and an error slot. options: [[value, text], ...] */
export function select({ label, name, value = '', options, hint = '' }) {
  const id = nextId('s');
  const hintId = hint ? `${id}-hint` : null;
  const errId = `${id}-error`;
  const el = h('select', { id, name, 'aria-describedby': [hintId, errId].filter(Boolean).join(' ') },
    options.map(([v, t]) => h('option', { value: v }, t)));
  el.value = String(value);
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    el,
    h('p', { class: 'error', id: errId, 'aria-live': 'polite' }));
}

export function checkbox({ label, name, checked = false, value = 'on' }) {
  const id = nextId('c');
  return h('div', { class: 'check', 'data-field': name },
    h('input', { id, type: 'checkbox', name, value, checked }),
    h('label', { for: id }, label));
}

/** Clears earlier errors in a form. */
export function clearErrors(form) {
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  form.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
  const summary = form.querySelector('.form-status');
  if (summary) summary.replaceWith(statusLine());
}

/** Shows a command error next to its field (or at the form's status line) and focuses it.
 *  `notDone` says what did not happen ("Not saved", or "No proposal" where nothing saves). */
export function showError(form, err, notDone = 'Not saved') {
  const wrapper = err && err.field ? findField(form, err.field) : null;
  if (wrapper) {
    const control = wrapper.querySelector('input, select, textarea');
    const slot = wrapper.querySelector('.error');
    if (slot) slot.textContent = err.message;
    if (control) { control.setAttribute('aria-invalid', 'true'); control.focus(); }
  }
  setStatus(form, 'problem', wrapper
    ? `${notDone}. Please look at the highlighted field.`
    : `${notDone}: ${err && err.message ? err.message : err}`);
}

function findField(form, name) {
  const exact = [...form.querySelectorAll('[data-field]')].find((e) => e.dataset.field === name);
  if (exact) return exact;
  // "symptoms.insomnia" may belong to a group named "symptoms".
  const prefix = name.split('.')[0];
  return [...form.querySelectorAll('[data-field]')].find((e) => e.dataset.field === prefix) || null;
}

export function showSaved(form, text) {
  setStatus(form, 'ok', text);
}

/** A plain status line: `kind` is 'ok' or 'problem'; the text is shown as given. */
export function showStatus(form, kind, text) {
  setStatus(form, kind, text);
}

/** Puts a fresh status line in place of the old one: WebKit does not always repaint a line
 *  whose text changes inside the sticky save bar, but always paints a new element. */
function setStatus(form, kind, text) {
  const old = form.querySelector('.form-status');
  if (!old) return;
  const fresh = statusLine();
  fresh.className = `form-status ${kind}`;
  fresh.textContent = text;
  old.replaceWith(fresh);
}

export const statusLine = () => h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
