// Plan: a taper proposal to discuss with the prescriber, whose every dose can be made from
// the tablets or liquid the person has. Rust computes and words it (taper/plan.rs,
// views/plan.rs); the page lays out the form and the table. A proposal can be kept (Rust
// computes it again from the form), shown on the dose chart and the visit summary, and its
// steps agreed at a visit turned into planned steps.
import { backend } from './backend.js';
import { h, field, select, checkbox, clearErrors, showError, showSaved, statusLine } from './dom.js';

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
  const keptBox = h('div', { class: 'plan-kept' });
  keptBox.append(keptList(view.saved, keptBox));
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
  function formInput() {
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
    return input;
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const input = formInput();
    try {
      const proposal = await backend.proposePlan(input);
      const keep = h('form', { class: 'actions plan-keep', novalidate: true },
        h('button', { type: 'submit' }, 'Keep this proposal'), statusLine());
      keep.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        try {
          const kept = await backend.savePlanProposal(input);
          keptBox.replaceChildren(keptList(kept.saved, keptBox));
          showSaved(keep, kept.message);
          keep.querySelector('button').disabled = true;
        } catch (err) {
          showError(keep, err, 'Not kept');
        }
      });
      result.replaceChildren(proposalView(proposal, keep));
      const heading = result.querySelector('h2');
      heading.tabIndex = -1;
      heading.focus();
    } catch (err) {
      result.replaceChildren();
      showError(form, err, 'No proposal');
    }
  });

  startFrom(view.medications[0]);
  section.append(form, result, keptBox);
  return section;
}

function proposalView(p, after = null, heading = 'h2', title = 'A proposal to discuss') {
  return h('div', { class: 'card plan-proposal' },
    h(heading, {}, title),
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
    p.to_discuss.length ? h('ul', {}, p.to_discuss.map((w) => h('li', {}, w))) : null,
    after);
}

// The kept proposals: which one is shown on the chart and the summary, and the steps agreed
// at a visit made planned steps. Each change re-draws the list from what Rust returns and
// says what happened beside the control that did it.
function keptList(saved, box) {
  if (!saved.length) return h('div', {});
  const redraw = (kept, id, selector) => {
    box.replaceChildren(keptList(kept.saved, box));
    const card = box.querySelector(`[data-proposal="${id}"]`) || box;
    const where = card.querySelector(selector) || box.querySelector('form');
    if (where) showSaved(where, kept.message);
    const details = card.querySelector('details');
    if (details && selector === '.plan-agree') details.open = true;
  };
  return h('section', { class: 'plan-kept-list', 'aria-labelledby': 'plan-kept-heading' },
    h('h2', { id: 'plan-kept-heading' }, 'Kept proposals'),
    saved.map((k) => {
      const show = h('form', { class: 'actions plan-show', novalidate: true },
        h('button', { type: 'submit' }, k.shown ? 'Stop showing it' : 'Show on the chart and summary'),
        h('button', { type: 'button', 'data-action': 'delete' }, 'Delete'),
        statusLine());
      show.addEventListener('submit', async (e) => {
        e.preventDefault();
        try { redraw(await backend.showPlanProposal(k.shown ? null : k.id), k.id, '.plan-show'); } catch (err) { showError(show, err, 'Not changed'); }
      });
      // Delete asks once more, inline, as on Dose steps.
      show.querySelector('[data-action=delete]').addEventListener('click', (e) => {
        const again = e.currentTarget;
        if (again.dataset.confirm) return;
        again.dataset.confirm = 'yes';
        again.textContent = 'Yes, delete this proposal';
        again.className = 'danger';
        again.addEventListener('click', async () => {
          try { redraw(await backend.deletePlanProposal(k.id), k.id, '.plan-show'); } catch (err) { showError(show, err, 'Not deleted'); }
        });
      });
      const agree = h('form', { class: 'plan-agree', novalidate: true },
        h('fieldset', { 'data-field': 'dates' },
          h('legend', {}, 'Steps agreed at a visit'),
          h('p', { class: 'hint' }, 'Tick the steps your prescriber agreed: they become planned steps.'),
          k.ahead.map((a) => checkbox({ label: a.label, name: 'dates', value: a.date })),
          h('p', { class: 'error', 'aria-live': 'polite' })),
        field({ label: 'Agreed at (optional)', name: 'agreed_at', hint: 'Such as: visit with Dr Lee, 3 December' }),
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add as planned steps'), statusLine()));
      agree.addEventListener('submit', async (e) => {
        e.preventDefault();
        clearErrors(agree);
        const f = new FormData(agree);
        try {
          redraw(await backend.planAgreedSteps({ proposal_id: k.id, dates: f.getAll('dates'), agreed_at: f.get('agreed_at') || null }), k.id, '.plan-agree');
        } catch (err) { showError(agree, err, 'Nothing added'); }
      });
      return h('article', { class: 'card plan-kept-item', 'data-proposal': String(k.id) },
        h('h3', {}, k.title),
        h('p', { class: k.shown ? 'plan-shown' : 'note' }, k.status),
        show,
        h('details', {}, h('summary', {}, 'The steps, and the steps agreed'),
          proposalView(k.plan, null, 'h4', 'The proposal'),
          k.ahead.length ? agree : null));
    }));
}
