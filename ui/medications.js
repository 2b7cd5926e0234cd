// Medications: what is taken now, how it converts, the equivalence table, and adding
// another medication (a crossover or an adjunct).
import { backend } from './backend.js';
import { h, field, clearErrors, showError, showSaved, statusLine, nextId } from './dom.js';
import { medicationFields, medicationInput } from './medication_form.js';

export async function renderMedications(app) {
  const o = await app.refresh();
  const section = h('section', { class: 'medications' });

  const list = h('ul', { class: 'cards' }, o.medications.map((m) => h('li', { class: m.active ? 'card' : 'card inactive' },
    h('h3', {}, m.name, m.active ? '' : ' (not shown on Today)'),
    h('p', {}, m.current_dose_label),
    h('p', { class: 'hint' }, [m.class_label, m.strength_label].filter(Boolean).join(' · ')),
    h('p', { class: 'hint' }, m.conversion_label),
    h('div', { class: 'actions' }, h('button', {
      type: 'button',
      onclick: (e) => openCorrection(e.target.closest('li'), m),
    }, 'Correct details'), h('button', {
      type: 'button',
      onclick: async (e) => {
        try {
          await backend.setMedicationActive(m.id, !m.active);
          app.show('medications');
        } catch (err) {
          e.target.after(h('p', { class: 'form-status problem', role: 'alert' }, `Not changed: ${err.message || err}`));
        }
      },
    }, m.active ? 'Stop showing on Today' : 'Show on Today again')))));

  const tableForm = h('form', { class: 'card', novalidate: true },
    h('fieldset', { class: 'group', 'data-field': 'table' },
      h('legend', {}, 'Equivalence table for diazepam equivalents'),
      o.tables.map((t) => {
        const id = nextId('t');
        return h('div', { class: 'check' },
          h('input', { type: 'radio', id, name: 'table', value: t.key, checked: t.key === o.table }),
          h('label', { for: id }, h('strong', {}, t.label), h('span', { class: 'hint' }, ` — ${t.description}`)));
      }),
      h('p', { class: 'error', 'aria-live': 'polite' })),
    h('p', { class: 'hint' }, 'Published tables disagree by up to two times. Every converted figure names its table and is approximate.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Use this table')),
    statusLine());
  tableForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(tableForm);
    try {
      app.overview = await backend.setEquivalenceTable(new FormData(tableForm).get('table'));
      showSaved(tableForm, `Now using the ${app.overview.table_label}.`);
    } catch (err) { showError(tableForm, err); }
  });

  const addForm = h('form', { class: 'card', novalidate: true },
    h('h2', {}, 'Add a medication'),
    h('p', { class: 'hint' }, 'For a switch to another benzodiazepine (such as diazepam), or a medication taken alongside (such as gabapentin), which is logged but not converted.'),
    medicationFields(o, 'medication.'),
    field({ label: 'Current total daily dose (mg)', name: 'dose_mg', inputmode: 'decimal' }),
    field({ label: 'Taking this dose since', name: 'since', value: o.today, hint: 'YYYY-MM-DD' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add medication')),
    statusLine());
  addForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(addForm);
    const data = new FormData(addForm);
    try {
      app.overview = await backend.addMedication({ medication: medicationInput(data, 'medication.'), dose_mg: data.get('dose_mg'), since: data.get('since') });
      await app.show('medications', { focusHeading: false });
      showSaved(document.querySelector('.medications form:last-of-type') || addForm, 'Medication added.');
    } catch (err) { showError(addForm, err); }
  });

  /** Replaces a card with a form to correct that medication; its steps stay attached. */
  function openCorrection(card, m) {
    const form = h('form', { class: 'card', novalidate: true },
      h('h3', {}, `Correct the details of ${m.name}`),
      medicationFields(o, 'medication.', m.fields),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Save details'),
        h('button', { type: 'button', onclick: () => app.show('medications', { focusHeading: false }) }, 'Cancel')),
      statusLine());
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      try {
        app.overview = await backend.updateMedication(m.id, medicationInput(new FormData(form), 'medication.'));
        await app.show('medications', { focusHeading: false });
      } catch (err) { showError(form, err); }
    });
    card.replaceWith(h('li', {}, form));
    form.querySelector('input').focus();
  }

  section.append(
    h('h1', {}, 'Medications'),
    h('h2', {}, 'What you take'), list,
    tableForm, addForm);
  return section;
}
