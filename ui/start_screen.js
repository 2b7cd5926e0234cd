// The first screen when the journal cannot simply be opened: locked with a passphrase,
// found damaged or foreign at start, or open in another window. Rust decides which and
// words it; this screen offers the ways out it allows. The file is never changed here
// without the person choosing so.
import { backend } from './backend.js';
import { h, field, clearErrors, showError, showStatus, statusLine } from './dom.js';

/** `found` is the StartView from Rust; `opened(view)` is called once the journal is open. */
export function renderStartScreen(found, opened) {
  const parts = [h('h1', {}, found.title), ...found.paragraphs.map((p) => h('p', {}, p))];
  // What just happened (a switch between journals that could not be finished), if anything.
  if (found.notice) parts.splice(1, 0, h('p', { class: 'notice', role: 'status' }, found.notice));
  if (found.can_unlock) parts.push(unlockForm(found, opened));
  if (found.set_aside && found.set_aside.length) {
    parts.push(h('div', { class: 'card' },
      h('h2', {}, 'Open a journal set aside'),
      h('p', {}, 'These journals were kept beside this one. One of them can take its place.'),
      found.set_aside.map((j) => setAsideForm(j, opened))));
  }
  if (found.latest_backup) parts.push(restoreForm(found.latest_backup, opened));
  if (found.can_retry) parts.push(retryForm(opened));
  if (found.can_start_new) parts.push(startNewBox(found, opened));
  return h('section', { class: 'start-screen' }, ...parts);
}

const value = (f) => f.querySelector('input').value;

/** Each way out of this screen is a form: `call()` asks Rust, and the journal opens (or
 *  the screen for what was found instead is shown). A refusal is said beside its field,
 *  `notDone` below the form (otherwise the reason itself), and a passphrase is selected,
 *  ready to type again. */
function whenSubmitted(form, pass, call, opened, notDone) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    showStatus(form, 'ok', 'Opening…');
    try {
      const view = await call();
      if (view.state === 'open') opened(view);
      else replaceWith(form, view, opened);
    } catch (err) {
      showError(form, err);
      // Not "not saved": the reason is beside the field; otherwise it is said here.
      showStatus(form, 'problem', err && err.field ? notDone : (err && err.message) || String(err));
      pass?.querySelector('input').select();
    } finally {
      button.disabled = false;
    }
  });
}

/** The folder could not be written (a full disk, a drive gone): once it is put right,
 *  Try again judges the journal afresh. */
function retryForm(opened) {
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Try again')),
    statusLine());
  whenSubmitted(form, null, () => backend.retryStart(), opened, 'Not opened.');
  return form;
}

function unlockForm(found, opened) {
  const pass = field({ label: 'Passphrase', name: 'passphrase', type: 'password' });
  const form = h('form', { class: 'card', novalidate: true },
    found.state === 'locked' ? null : h('h2', {}, 'If you set a passphrase for this journal'),
    pass,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Unlock')),
    statusLine());
  whenSubmitted(form, pass, () => backend.unlock(value(pass)), opened, 'Not unlocked.');
  return form;
}

function restoreForm(offer, opened) {
  const pass = offer.needs_passphrase
    ? field({ label: 'Passphrase of the backup', name: 'passphrase', type: 'password', hint: 'This backup is locked with the journal\'s passphrase.' })
    : null;
  const form = h('form', { class: 'card', novalidate: true },
    h('h2', {}, 'Restore the latest backup'),
    h('p', {}, `Put ${offer.label} in place of this file. Check-ins made after that backup are not in it.`),
    pass,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Restore this backup')),
    statusLine());
  whenSubmitted(form, pass, () => backend.restoreLatestBackup(pass ? value(pass) : null), opened, 'Not restored.');
  return form;
}

/** The journal file is missing, and a journal set aside beside it can take its place
 *  (a switch between journals cut off half-way leaves just that). */
function setAsideForm(j, opened) {
  const pass = j.locked
    ? field({ label: 'Passphrase of that journal', name: 'passphrase', type: 'password' })
    : null;
  const form = h('form', { class: 'set-aside', novalidate: true },
    h('p', {}, h('strong', {}, j.date_label), ` (${j.status}).`),
    pass,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Open this journal')),
    statusLine());
  whenSubmitted(form, pass, () => backend.reopenSetAside(j.name, pass ? value(pass) : null), opened, 'Not opened.');
  return form;
}

function startNewBox(found, opened) {
  const box = h('div', { class: 'card' });
  const ask = (focus = false) => {
    const b = h('button', { type: 'button', onclick: confirm }, 'Start a new, empty journal…');
    box.replaceChildren(h('h2', {}, 'Start again'), b);
    if (focus) b.focus();
  };
  const confirm = () => {
    const status = statusLine();
    const yes = h('button', {
      type: 'button', class: 'danger',
      onclick: async () => {
        yes.disabled = true;
        try {
          opened(await backend.startNewJournal());
        } catch (err) {
          status.textContent = err && err.message ? err.message : String(err);
          yes.disabled = false;
        }
      },
    }, 'Yes, start a new journal');
    box.replaceChildren(h('h2', {}, 'Start again'),
      h('p', {}, found.start_new_note ?? (found.state === 'locked'
        ? 'The locked journal is kept, unchanged, beside the new one. If the passphrase comes back to you, it can be opened again from Settings, under “Journals set aside”.'
        : 'The file is kept, unchanged, beside the new journal.')),
      h('div', { class: 'actions' }, yes, h('button', { type: 'button', onclick: () => ask(true) }, 'Cancel')),
      status);
    yes.focus();
  };
  ask();
  return box;
}

/** The unlock found a different problem (e.g. a damaged file): show that instead. */
function replaceWith(el, view, opened) {
  const screen = renderStartScreen(view, opened);
  el.closest('.start-screen').replaceWith(screen);
  screen.querySelector('h1').tabIndex = -1;
  screen.querySelector('h1').focus();
}
