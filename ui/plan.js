// Plan: a taper proposal to discuss with the prescriber, whose every dose can be made from
// the tablets or liquid the person has. Rust computes and words it (taper/plan.rs,
// views/plan.rs); the page lays out the form and the table. Nothing is saved.
import { backend } from './backend.js';
import { h, field, select, checkbox, clearErrors, showError, statusLine } from './dom.js';

export async function renderPlan() {
  const view = await backend.planForm();
  const section = h('section', { class: 'plan' },
    h('h1', {}, 'Taper plan proposal'),
    h('p', { class: 'note plan-notice' }, view.notice));
  if (!view.medications.length) {
    section.append(h('p', {}, 'A proposal starts from a medication’s latest dose step. Log a dose step first (Dose steps).'));
    return section;
  }
  const result = h('div', { class: 'plan-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', novalidate: true });
  const times = h('div', { class: 'plan-times' });
  const tablets = h('div', { class: 'plan-tablets' });

  const medField = select({
    label: 'Medication', name: 'medication_id', value: String(view.medications[0].id),
    options: view.medications.map((m) => [String(m.id), m.name]),
  });
  const medication = () => view.medications.find((m) => String(m.id) === form.querySelector('[name=medication_id]').value);

  function timeRow(label, dose) {
    const i = times.children.length;
    const row = h('div', { class: 'plan-row' },
      field({ label: 'Time of day', name: `times.${i}.label`, value: label }),
      field({ label: 'Dose (mg)', name: `times.${i}.dose_mg`, value: dose, inputmode: 'decimal' }));
    times.append(row);
  }
  function tabletRow(strength, scored) {
    const i = tablets.children.length;
    tablets.append(h('div', { class: 'plan-row' },
      field({ label: 'Tablet strength (mg)', name: `tablets.${i}.strength_mg`, value: strength, inputmode: 'decimal' }),
      checkbox({ label: 'Scored (can be halved)', name: `tablets.${i}.scored`, checked: scored })));
  }
  function startFrom(m) {
    times.replaceChildren();
    for (const t of m.times) timeRow(t.label, t.dose_mg);
    tablets.replaceChildren();
    tabletRow(m.form === 'tablet' ? (m.strength_mg || '') : '', true);
    const liquid = m.form === 'liquid';
    form.querySelector(`input[name=form][value=${liquid ? 'liquid' : 'tablets'}]`).checked = true;
    if (liquid && m.strength_mg) form.querySelector('[name=concentration_mg_per_ml]').value = m.strength_mg;
    form.querySelector('[name=start]').value = m.start;
    showForm();
  }

  const formRadio = (value, label) => {
    const id = `plan-form-${value}`;
    return h('div', { class: 'check' },
      h('input', { type: 'radio', id, name: 'form', value }),
      h('label', { for: id }, label));
  };
  const tabletPart = h('fieldset', {},
    h('legend', {}, 'Tablets'),
    tablets,
    h('button', { type: 'button', 'data-action': 'add-strength' }, 'Add a strength'),
    checkbox({ label: 'Quarters allowed', name: 'quarters' }),
    h('p', { class: 'hint' }, view.quarters_note));
  const liquidPart = h('fieldset', {},
    h('legend', {}, 'Liquid'),
    field({ label: 'Concentration (mg per mL)', name: 'concentration_mg_per_ml', inputmode: 'decimal' }),
    field({ label: 'Smallest amount you can measure (mL)', name: 'smallest_ml', value: '0.1', inputmode: 'decimal', hint: 'With an oral syringe, often 0.1 mL' }));
  function showForm() {
    const liquid = form.querySelector('input[name=form]:checked')?.value === 'liquid';
    tabletPart.hidden = liquid;
    liquidPart.hidden = !liquid;
  }

  form.append(
    medField,
    h('fieldset', {}, h('legend', {}, 'Current dose, by time of day'), times,
      h('button', { type: 'button', 'data-action': 'add-time' }, 'Add a time of day')),
    h('fieldset', { 'data-field': 'form' }, h('legend', {}, 'Made from'),
      formRadio('tablets', 'Tablets'), formRadio('liquid', 'A liquid'), h('span', { class: 'error' })),
    tabletPart, liquidPart,
    h('fieldset', {}, h('legend', {}, 'Pace to discuss'),
      field({ label: 'Reduction (% of the current dose)', name: 'percent', value: String(view.percent), inputmode: 'numeric', hint: 'The guideline’s usual pace is 5 % to 10 %; 1 to 25 % can be shown' }),
      field({ label: 'Every (days)', name: 'every_days', value: String(view.every_days), inputmode: 'numeric', hint: 'Usually 14, 21 or 28 days; 7 to 56 can be shown' }),
      field({ label: 'End dose (mg a day, optional)', name: 'end_mg', inputmode: 'decimal', hint: 'Empty for zero' }),
      field({ label: 'First step', name: 'start', type: 'date' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show the proposal'), statusLine()));

  form.querySelector('[name=medication_id]').addEventListener('change', () => startFrom(medication()));
  form.addEventListener('change', (e) => { if (e.target.name === 'form') showForm(); });
  form.querySelector('[data-action=add-time]').addEventListener('click', () => timeRow('', ''));
  form.querySelector('[data-action=add-strength]').addEventListener('click', () => tabletRow('', false));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const f = new FormData(form);
    const rows = (box, make) => [...box.children].map((_, i) => make(i));
    const input = {
      medication_id: Number(f.get('medication_id')),
      times: rows(times, (i) => ({ label: f.get(`times.${i}.label`) || '', dose_mg: f.get(`times.${i}.dose_mg`) })),
      form: f.get('form') || '',
      tablets: rows(tablets, (i) => ({ strength_mg: f.get(`tablets.${i}.strength_mg`), scored: f.has(`tablets.${i}.scored`) })),
      quarters: f.has('quarters'),
      concentration_mg_per_ml: f.get('concentration_mg_per_ml'),
      smallest_ml: f.get('smallest_ml'),
      percent: f.get('percent'),
      every_days: f.get('every_days'),
      end_mg: f.get('end_mg'),
      start: f.get('start'),
    };
    try {
      const proposal = await backend.proposePlan(input);
      result.replaceChildren(proposalView(proposal));
      const heading = result.querySelector('h2');
      heading.tabIndex = -1;
      heading.focus();
    } catch (err) {
      result.replaceChildren();
      showError(form, err, 'No proposal');
    }
  });

  startFrom(view.medications[0]);
  section.append(form, result);
  return section;
}

function proposalView(p) {
  return h('div', { class: 'card plan-proposal' },
    h('h2', {}, 'A proposal to discuss'),
    h('p', { class: 'note' }, p.notice),
    h('p', {}, p.assumed),
    h('div', { class: 'table-wrap' }, h('table', { class: 'steps-table plan-table' },
      h('caption', {}, 'Proposed steps'),
      h('thead', {}, h('tr', {}, ['From', 'Daily dose', 'Made from', 'Change', 'Held for', 'Notes'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, p.rows.map((r) => h('tr', {},
        h('td', {}, r.date),
        h('td', {}, r.daily),
        h('td', {}, r.made.map((m) => h('div', {}, m))),
        h('td', {}, r.change),
        h('td', {}, r.held || '—'),
        h('td', {}, r.notes.map((n) => h('div', {}, n)))))))),
    h('p', { class: 'plan-ending' }, p.ending),
    p.to_discuss.length ? h('ul', {}, p.to_discuss.map((w) => h('li', {}, w))) : null);
}
