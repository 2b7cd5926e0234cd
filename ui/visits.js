// Visits: record what was decided at a clinic visit, and keep questions for the prescriber.
import { backend } from './backend.js';
import { h, field, select, checkbox, clearErrors, showError, showSaved, statusLine } from './dom.js';

export async function renderVisits(app) {
  const view = await backend.visits();
  const section = h('section', { class: 'visits' }, h('h1', {}, 'Visits and questions'));
  const questions = h('div', { class: 'questions' });
  const visitArea = h('div', { class: 'visit-area' });

  function render(v) {
    renderQuestions(v);
    renderVisitArea(v);
  }

  function renderQuestions(v) {
    const form = h('form', { class: 'card', novalidate: true },
      field({ label: 'A question for your prescriber', name: 'text', hint: 'It stays on this list until you tick it off.' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add question'), statusLine()));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      try {
        const next = await backend.addQuestion(form.elements.text.value);
        render(next);
        questions.querySelector('input[name="text"]')?.focus();
      } catch (err) { showError(form, err); }
    });
    const list = v.questions.length
      ? h('ul', { class: 'question-list' }, v.questions.map((q) => {
        const box = checkbox({ label: q.text, name: `q${q.id}`, checked: q.done });
        box.querySelector('input').addEventListener('change', (e) => act(
          () => backend.setQuestionDone(q.id, e.target.checked), `input[name="q${q.id}"]`));
        return h('li', { class: q.done ? 'done' : '' }, box,
          h('span', { class: 'hint' }, q.date_label), ' ',
          h('button', { type: 'button', class: 'link', 'aria-label': `Remove the question: ${q.text}`, onclick: () => act(() => backend.deleteQuestion(q.id), 'input[name="text"]') }, 'Remove'));
      }))
      : h('p', { class: 'hint' }, 'No questions yet.');
    questions.replaceChildren(h('h2', {}, 'Questions for your prescriber'), form, list);
  }

  function renderVisitArea(v) {
    const open = v.questions.filter((q) => !q.done);
    const meds = v.medications.map((m) => [String(m.id), m.name]);
    const form = h('form', { class: 'card', novalidate: true },
      h('div', { class: 'grid3' },
        field({ label: 'Date of the visit', name: 'date', value: app.overview.today, hint: 'YYYY-MM-DD' }),
        field({ label: 'Clinician (optional)', name: 'clinician' }),
        select({ label: 'What was decided', name: 'decision', value: 'continue', options: v.decisions.map((d) => [d.key, d.label]) })),
      field({ label: 'Note (optional)', name: 'note', multiline: true }),
      h('fieldset', { class: 'group', 'data-field': 'next_step' },
        h('legend', {}, 'Next planned step (optional)'),
        h('p', { class: 'hint' }, 'Leave the dose empty if no step was agreed. It is added to your planned steps.'),
        h('div', { class: 'grid3' },
          select({ label: 'Medication', name: 'next_step.medication_id', value: meds.length ? meds[0][0] : '', options: meds }),
          field({ label: 'From (date)', name: 'next_step.date', hint: 'YYYY-MM-DD' }),
          field({ label: 'Total daily dose (mg)', name: 'next_step.dose_mg', inputmode: 'decimal' }))),
      open.length ? h('fieldset', { class: 'group', 'data-field': 'answered_questions' },
        h('legend', {}, 'Questions answered at this visit'),
        open.map((q) => checkbox({ label: q.text, name: 'answered', value: String(q.id) })),
        h('p', { class: 'error', 'aria-live': 'polite' })) : null,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save visit'), statusLine()));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const el = form.elements;
      const dose = el['next_step.dose_mg'].value.trim();
      const input = {
        date: el.date.value, clinician: el.clinician.value, decision: el.decision.value, note: el.note.value,
        answered_questions: [...form.querySelectorAll('input[name="answered"]:checked')].map((c) => Number(c.value)),
      };
      if (dose || el['next_step.date'].value.trim()) {
        input.next_step = { medication_id: Number(el['next_step.medication_id'].value), date: el['next_step.date'].value, dose_mg: dose };
      }
      try {
        const next = await backend.addVisit(input);
        render(next);
        showSaved(visitArea.querySelector('form'), 'Visit saved.');
      } catch (err) { showError(form, err); }
    });
    const past = v.visits.length
      ? h('ol', { class: 'cards', reversed: true }, v.visits.map((x) => h('li', { class: 'card' },
        h('h3', {}, [x.date_label, x.clinician].filter(Boolean).join(' · ')),
        h('p', {}, x.decision_label),
        x.next_step_label ? h('p', {}, x.next_step_label) : null,
        x.note ? h('p', { class: 'note' }, x.note) : null,
        x.questions_answered ? h('p', { class: 'hint' }, `${x.questions_answered} question(s) answered`) : null,
        removeVisit(x))))
      : h('p', { class: 'hint' }, 'No visits recorded yet.');
    visitArea.replaceChildren(h('h2', {}, 'Record a visit'), form, h('h2', {}, 'Past visits'), past);
  }

  /** Runs a change, shows the new lists and puts focus back where the person was. */
  async function act(change, focusSelector) {
    try {
      render(await change());
      section.querySelector(focusSelector)?.focus();
    } catch (err) {
      questions.querySelector('.form-status')?.replaceWith(h('p', { class: 'form-status problem', role: 'alert' }, `Not changed: ${err.message || err}`));
    }
  }

  /** Removing a visit asks once more, in place, before anything is deleted. */
  function removeVisit(x) {
    const box = h('p', { class: 'actions' });
    const ask = () => box.replaceChildren(
      h('button', { type: 'button', class: 'link', 'aria-label': `Remove this visit (${x.date_label})`, onclick: confirm }, 'Remove this visit'));
    const confirm = () => {
      const yes = h('button', { type: 'button', class: 'danger', onclick: () => act(() => backend.deleteVisit(x.id), 'h2') }, `Yes, remove the visit of ${x.date_label}`);
      box.replaceChildren(h('span', {}, 'Remove for good? Questions answered there become open again. '), yes,
        h('button', { type: 'button', onclick: ask }, 'Keep it'));
      yes.focus();
    };
    ask();
    return box;
  }

  render(view);
  section.append(questions, visitArea);
  return section;
}
