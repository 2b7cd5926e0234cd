// Dose steps: log or correct a step, see each step's change, days held and pace check;
// and the planned steps agreed with the prescriber.
import { backend } from './backend.js';
import { h, field, select, clearErrors, showError, showSaved, statusLine } from './dom.js';


export async function renderSteps(app) {
  const view = await backend.steps();
  const o = app.overview;
  // Active medications first; the others stay listed so their steps can be corrected.
  const medOptions = o.medications.map((m) => [String(m.id), m.active ? m.name : `${m.name} (not shown on Today)`]);
  const section = h('section', { class: 'steps' });

  const stepForm = buildForm({
    title: 'Log a dose step', submitText: 'Save dose step', medOptions, today: o.today,
    extra: [
      field({ label: 'How it is split through the day (optional)', name: 'split', hint: 'e.g. 0.25 mg morning, 0.5 mg night' }),
      field({ label: 'Note (optional)', name: 'note' }),
    ],
    doseLabel: 'New total daily dose (mg)',
    save: (input) => backend.saveStep(input),
    onSaved: (v) => renderLists(v),
    savedText: 'Dose step saved.',
  });
  const planForm = buildForm({
    title: 'Add a planned step', submitText: 'Save planned step', medOptions, today: o.today,
    extra: [
      field({ label: 'Agreed at (optional)', name: 'agreed_at', hint: 'e.g. visit with Dr Lee on 3 March' }),
      field({ label: 'Note (optional)', name: 'note' }),
    ],
    doseLabel: 'Planned total daily dose (mg)',
    save: (input) => backend.savePlannedStep(input),
    onSaved: (v) => renderLists(v),
    savedText: 'Planned step saved.',
  });

  const list = h('div', { class: 'step-list' });
  const planned = h('div', { class: 'planned-list' });

  function renderLists(v) {
    list.replaceChildren(
      h('h2', {}, 'Your dose steps'),
      h('p', { class: 'hint' }, v.guideline_note),
      v.steps.length ? h('ol', { class: 'cards', reversed: true }, v.steps.map((s) => stepCard(s))) : h('p', {}, 'No dose steps yet.'));
    planned.replaceChildren(
      h('h2', {}, 'Planned steps'),
      v.planned.length ? h('ul', { class: 'cards' }, v.planned.map((p) => plannedCard(p))) : h('p', { class: 'hint' }, 'No planned steps yet. Add the steps you agreed with your prescriber.'));
  }

  function stepCard(s) {
    return h('li', { class: 'card step' },
      h('h3', {}, `${s.date_label}: ${s.medication}, ${s.dose_label} a day`),
      h('p', { class: 'kind' }, [s.kind_label, s.change_label, s.days_held_label].filter(Boolean).join(' · ')),
      s.equivalent_label ? h('p', { class: 'hint' }, s.equivalent_label) : null,
      s.total_label ? h('p', { class: 'hint' }, s.total_label) : null,
      s.pace_summary ? h('p', { class: 'pace ok' }, s.pace_summary) : null,
      s.pace.length ? h('ul', { class: 'pace-notes' }, s.pace.map((p) => h('li', { class: `pace ${p.level}` },
        h('strong', {}, `${p.level_label}: ${p.title}. `), p.detail))) : null,
      s.split ? h('p', {}, `Split: ${s.split}`) : null,
      s.note ? h('p', { class: 'note' }, `Note: ${s.note}`) : null,
      rowActions(`step on ${s.date_label}`,
        () => stepForm.edit(s, { split: s.split, note: s.note }),
        async () => renderLists(await backend.deleteStep(s.id))));
  }

  function plannedCard(p) {
    return h('li', { class: 'card planned' },
      h('h3', {}, `${p.date_label}: ${p.medication}, ${p.dose_label} a day (planned)`),
      p.agreed_at ? h('p', {}, `Agreed at: ${p.agreed_at}`) : null,
      p.pace_summary ? h('p', { class: 'pace ok' }, p.pace_summary) : null,
      p.pace.length ? h('ul', { class: 'pace-notes' }, p.pace.map((n) => h('li', { class: `pace ${n.level}` },
        h('strong', {}, `${n.level_label}: ${n.title}. `), n.detail))) : null,
      p.note ? h('p', { class: 'note' }, `Note: ${p.note}`) : null,
      rowActions(`planned step on ${p.date_label}`,
        () => planForm.edit(p, { agreed_at: p.agreed_at, note: p.note }),
        async () => renderLists(await backend.deletePlannedStep(p.id))));
  }

  renderLists(view);
  section.append(
    h('h1', {}, 'Dose steps'),
    h('p', { class: 'lead' }, 'Log each change of your total daily dose on the day it starts. The journal works out the change, the days at the previous dose, and how the pace compares with the 2025 tapering guideline.'),
    h('div', { class: 'steps-layout' }, stepForm.element, list),
    h('div', { class: 'steps-layout' }, planForm.element, planned));
  return section;
}

/** Delete asks once more, inline, so nothing is removed by a slip of the keyboard. */
function rowActions(what, onEdit, onDelete) {
  const box = h('div', { class: 'actions' });
  const attempt = async () => {
    try {
      await onDelete();
    } catch (err) {
      box.replaceChildren(h('p', { class: 'form-status problem', role: 'alert' }, `Not deleted: ${err.message || err}`));
    }
  };
  const normal = () => box.replaceChildren(
    h('button', { type: 'button', onclick: onEdit }, 'Correct'),
    h('button', { type: 'button', onclick: confirm }, 'Delete'));
  const confirm = () => {
    const yes = h('button', { type: 'button', class: 'danger', onclick: attempt }, `Yes, delete the ${what}`);
    box.replaceChildren(h('span', {}, 'Delete for good? '), yes,
      h('button', { type: 'button', onclick: normal }, 'Keep it'));
    yes.focus();
  };
  normal();
  return box;
}

function buildForm({ title, submitText, medOptions, today, extra, doseLabel, save, onSaved, savedText }) {
  let editingId = null;
  const heading = h('h2', {}, title);
  const submit = h('button', { type: 'submit', class: 'primary' }, submitText);
  const cancel = h('button', { type: 'button', hidden: true }, 'Cancel correction');
  const form = h('form', { class: 'card', novalidate: true },
    heading,
    select({ label: 'Medication', name: 'medication_id', value: medOptions[0]?.[0] ?? '', options: medOptions }),
    field({ label: 'Date it starts', name: 'date', value: today, hint: 'YYYY-MM-DD' }),
    field({ label: doseLabel, name: 'dose_mg', inputmode: 'decimal' }),
    extra,
    h('div', { class: 'actions' }, submit, cancel),
    statusLine());
  const reset = () => {
    editingId = null;
    form.reset();
    form.elements.date.value = today;
    heading.textContent = title;
    submit.textContent = submitText;
    cancel.hidden = true;
  };
  cancel.addEventListener('click', () => { reset(); clearErrors(form); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const input = { medication_id: Number(data.get('medication_id')) };
    if (editingId !== null) input.id = editingId;
    for (const [k, v] of data.entries()) if (k !== 'medication_id') input[k] = v;
    try {
      const view = await save(input);
      onSaved(view);
      reset();
      showSaved(form, savedText);
    } catch (err) {
      showError(form, err);
    }
  });
  return {
    element: form,
    edit(row, extras) {
      editingId = row.id;
      form.elements.medication_id.value = String(row.medication_id);
      form.elements.date.value = row.date;
      form.elements.dose_mg.value = row.dose_mg;
      for (const [k, v] of Object.entries(extras)) if (form.elements[k]) form.elements[k].value = v ?? '';
      heading.textContent = `Correct the step of ${row.date_label}`;
      submit.textContent = 'Save correction';
      cancel.hidden = false;
      form.elements.dose_mg.focus();
    },
  };
}
