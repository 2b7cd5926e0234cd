// The urgent-help message, as Rust words it (views/urgent_help.rs): a dialog that takes the
// focus the moment a red flag is ticked or PHQ-9 question 9 is answered above "Not at all",
// and the same words in a box (above a screen, or beside the control that raised it).
import { h, nextId } from './dom.js';

/** The message's content below its heading: what was marked, paragraphs, the numbers,
 *  their source. */
function details(help, marked, markedLabel) {
  return [
    marked.length ? h('p', {}, `${markedLabel}: ${marked.join('; ')}.`) : null,
    ...help.paragraphs.map((p) => h('p', {}, p)),
    help.contacts.length ? h('ul', { class: 'help-numbers' }, help.contacts.map((c) => h('li', {},
      h('span', { class: 'help-name' }, c.name),
      ' ',
      h('strong', { class: 'help-number' }, c.number),
      c.how ? h('span', { class: 'hint' }, ` — ${c.how}`) : null))) : null,
    h('p', { class: 'hint' }, help.numbers_note),
  ].filter(Boolean);
}

/** The message in a box. `announce`: role=alert (above a screen that opens with it);
 *  beside a control, where the dialog has just said it, a note that is not read again. */
export function urgentHelpBox(help, { marked = [], markedLabel = '', announce = false } = {}) {
  const headingId = nextId('help');
  return h('div', {
    class: `urgent-help ${help.urgent ? 'now' : 'calm'}`,
    role: announce && help.urgent ? 'alert' : 'note',
    'aria-labelledby': headingId,
  }, h('h2', { id: headingId }, help.heading), details(help, marked, markedLabel));
}

let openDialog = null;

/** Shows the message as a modal dialog in view at once, focused; Escape or the button
 *  closes it and the focus goes back to `opener` (the checkbox or radio that raised it). */
export function showUrgentHelp(help, { marked = [], markedLabel = '', opener = document.activeElement } = {}) {
  openDialog?.close();
  const headingId = nextId('help');
  const bodyId = nextId('help-body');
  const close = h('button', { type: 'button', class: 'primary' }, help.close_label);
  const dialog = h('dialog', {
    class: `urgent-help-dialog ${help.urgent ? 'now' : 'calm'}`,
    role: 'alertdialog',
    'aria-modal': 'true',
    'aria-labelledby': headingId,
    'aria-describedby': bodyId,
  },
  h('div', { tabindex: '-1', class: 'urgent-help-body' },
    h('h2', { id: headingId }, help.heading),
    h('div', { id: bodyId }, details(help, marked, markedLabel))),
  h('div', { class: 'actions' }, close));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (openDialog === dialog) openDialog = null;
    if (opener && opener.isConnected) opener.focus();
  });
  document.body.append(dialog);
  openDialog = dialog;
  dialog.showModal();
  // The message itself takes the focus, from its heading: in a small window the first
  // words are in sight (focusing the button below would scroll them away); Tab reaches
  // the button, Escape closes. A screen reader reads the label and description as it opens.
  const body = dialog.querySelector('.urgent-help-body');
  body.focus();
  dialog.scrollTop = 0;
  return dialog;
}
