// Export and import: the files the journal gives you — a full backup you can restore — saved where you
// choose in your system's own dialog. Rust writes the files; the page never touches disk.
import { backend } from './backend.js';
import { h, checkbox } from './dom.js';
import { importCard } from './import.js';

export async function renderExports(app) {
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const say = (kind, text) => {
    const fresh = h('p', { class: `form-status ${kind}`, role: 'status', 'aria-live': 'polite' }, text);
    section.querySelector('.form-status').replaceWith(fresh);
  };
  const run = async (button, work) => {
    button.disabled = true;
    try {
      const r = await work();
      say(r.saved || r.restored ? 'ok' : 'problem', r.message);
      return r;
    } catch (err) {
      say('problem', err && err.message ? err.message : String(err));
      return null;
    } finally {
      button.disabled = false;
    }
  };

  const saveBackup = h('button', { type: 'button', class: 'primary', onclick: () => run(saveBackup, backend.saveBackup) }, 'Save a backup…');

  const restoreBox = h('div', { class: 'actions' });
  const askRestore = (focus = false) => {
    const b = h('button', { type: 'button', onclick: confirmRestore }, 'Restore from a backup…');
    restoreBox.replaceChildren(b);
    if (focus) b.focus(); // the button pressed is gone: keep the keyboard where it was
  };
  const confirmRestore = () => {
    const yes = h('button', {
      type: 'button', class: 'danger',
      onclick: async () => {
        const r = await run(yes, backend.restoreBackup);
        askRestore(true);
        // Rust forgets a file waiting for import once a restore is done; the card follows.
        if (r && r.restored) {
          await app.refresh();
          await imports.reset();
        }
      },
    }, 'Yes, choose a backup to restore');
    restoreBox.replaceChildren(
      h('p', {}, 'This replaces everything in your journal with the backup you choose. Your journal as it is now is saved beside it first, so nothing is lost.'),
      yes, h('button', { type: 'button', onclick: () => askRestore(true) }, 'Cancel'));
    yes.focus();
  };
  askRestore();

  const imports = await importCard(app);
  const saveCsv = h('button', { type: 'button', onclick: () => run(saveCsv, backend.saveCsv) }, 'Save the spreadsheet (CSV)…');
  const saveFhir = h('button', { type: 'button', onclick: () => run(saveFhir, backend.saveFhir) }, 'Save for the clinic (FHIR)…');
  const neutral = checkbox({ label: 'Neutral titles: events say "Planned step" and never name the medication or the dose', name: 'neutral_titles', checked: true });
  const alarms = checkbox({ label: app.overview.calendar_alarm_label, name: 'alarms', checked: false });
  const saveCalendar = h('button', {
    type: 'button',
    onclick: () => run(saveCalendar, () => backend.saveCalendar(
      neutral.querySelector('input').checked, alarms.querySelector('input').checked)),
  }, 'Save the calendar (.ics)…');

  const section = h('section', { class: 'exports' },
    h('h1', {}, 'Export and import'),
    h('p', { class: 'lead' }, 'Files are saved only where you choose. Nothing is sent anywhere.'),
    h('div', { class: 'card' },
      h('h2', {}, 'Backup'),
      h('p', {}, 'A backup holds everything in your journal. Keep one somewhere safe, for example on a USB stick, or use it to move your journal to another computer.'),
      h('div', { class: 'actions' }, saveBackup),
      restoreBox),
    imports,
    h('div', { class: 'card' },
      h('h2', {}, 'For a spreadsheet or the clinic'),
      h('p', {}, 'The spreadsheet has one row per day: doses, ratings, symptoms, notes. The FHIR file is the standard format clinic record systems read.'),
      h('div', { class: 'actions' }, saveCsv, saveFhir)),
    h('div', { class: 'card' },
      h('h2', {}, 'Planned steps in your calendar'),
      h('p', {}, 'An all-day event on the day of each planned step, for your calendar app.'),
      neutral,
      alarms,
      h('div', { class: 'actions' }, saveCalendar)),
    status);
  return section;
}
