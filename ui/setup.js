// First start: which medication, its current dose since when, and which equivalence table.
import { backend } from './backend.js';
import { h, field, select, checkbox, clearErrors, showError, statusLine, nextId } from './dom.js';
import { medicationFields, medicationInput } from './medication_form.js';

export function renderSetup(app, done) {
  const o = app.overview;
  const tableName = 'table';
  const tableFieldset = h('fieldset', { class: 'group', 'data-field': 'table' },
    h('legend', {}, 'Which table converts doses to diazepam equivalents?'),
    o.tables.map((t) => {
      const id = nextId('t');
      return h('div', { class: 'check' },
        h('input', { type: 'radio', id, name: tableName, value: t.key, checked: t.key === o.table }),
        h('label', { for: id }, h('strong', {}, t.label), h('span', { class: 'hint' }, ` — ${t.description}`)));
    }),
    h('p', { class: 'error', 'aria-live': 'polite' }));

  const form = h('form', { class: 'card', novalidate: true },
    medicationFields(o, 'medication.'),
    field({ label: 'Current total daily dose (mg)', name: 'dose_mg', inputmode: 'decimal', hint: 'All doses of the day added together, e.g. 1.5' }),
    field({ label: 'Taking this dose since', name: 'since', value: o.today, hint: 'Date as YYYY-MM-DD' }),
    tableFieldset,
    helpCountryField(o.help_country),
    checkbox({ label: o.reminder_offer, name: 'check_in_reminder', checked: false }),
    h('p', { class: 'hint' }, 'You can add another medication later (for example a switch to diazepam, or gabapentin) on the Medications screen.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Start my journal')),
    statusLine());

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    try {
      app.overview = await backend.completeSetup({
        medication: medicationInput(data, 'medication.'),
        dose_mg: data.get('dose_mg'),
        since: data.get('since'),
        table: data.get(tableName),
        help_country: data.get('help_country'),
        check_in_reminder: data.has('check_in_reminder'),
      });
      await done();
    } catch (err) {
      showError(form, err);
    }
  });

  return h('section', { class: 'setup' },
    h('h1', { tabindex: '-1' }, 'Welcome to Taper Journal'),
    h('p', { class: 'lead' }, 'A private journal for your taper. Everything stays on this computer. First, tell it what you take now; this takes a minute.'),
    form);
}

/** The country whose emergency number and crisis lines the urgent-help message gives,
 *  proposed from the system's region. Shared with Settings. */
export function helpCountryField(setting) {
  return select({
    label: setting.label, name: 'help_country', value: setting.selected, hint: setting.hint,
    options: setting.choices.map((c) => [c.key, c.label]),
  });
}
