// The urgent-help message, as Rust words it (views/urgent_help.rs): a dialog that takes the
// focus the moment a red flag is ticked or PHQ-9 question 9 is answered above "Not at all",
// and the same words in a box (above a screen, or beside the control that raised it).
import { h, nextId } from './dom.js';

/** The message's content: heading, what was marked, paragraphs, the numbers, their source. */
function content(help, marked, markedLabel, headingTag, headingId) {
  return [
    h(headingTag, { id: headingId }, help.heading),
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

/** The message in a box: role=alert when it is urgent, a calm note otherwise. */
export function urgentHelpBox(help, { marked = [], markedLabel = '', className = '' } = {}) {
  const headingId = nextId('help');
  return h('div', {
    class: `urgent-help ${help.urgent ? 'now' : 'calm'} ${className}`.trim(),
    role: help.urgent ? 'alert' : 'note',
    'aria-labelledby': headingId,
  }, content(help, marked, markedLabel, 'h2', headingId));
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
  h('div', { id: bodyId, tabindex: '-1', class: 'urgent-help-body' }, content(help, marked, markedLabel, 'h2', headingId)),
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
