// The first close of the window while "keep running in the tray" is on: a dialog says
// where the app goes before it goes (words from Rust, views/staying_open.rs). Rust asks
// for it (window.taperCloseToTray) and does what the person chooses.
import { backend } from './backend.js';
import { h, nextId } from './dom.js';

let open = null;

export function askCloseToTray(words) {
  if (open) return;
  const opener = document.activeElement;
  const headingId = nextId('close');
  const textId = nextId('close-text');
  const close = h('button', { type: 'button', class: 'primary' }, words.close_label);
  const quit = h('button', { type: 'button' }, words.quit_label);
  const stay = h('button', { type: 'button' }, words.stay_label);
  const dialog = h('dialog', {
    class: 'close-dialog', 'aria-modal': 'true', 'aria-labelledby': headingId, 'aria-describedby': textId,
  },
  h('h2', { id: headingId }, words.heading),
  h('p', { id: textId }, words.text),
  h('div', { class: 'actions' }, close, stay, quit));
  // Whatever ends the dialog, Rust hears one answer: Escape is "keep the window open".
  let answer = () => backend.keepWindowOpen();
  close.addEventListener('click', () => { answer = () => backend.closeToTray(); dialog.close(); });
  quit.addEventListener('click', () => { answer = () => backend.quitApp(); dialog.close(); });
  stay.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    open = null;
    if (opener && opener.isConnected) opener.focus();
    answer().catch(() => {});
  });
  document.body.append(dialog);
  open = dialog;
  dialog.showModal();
  close.focus();
}
