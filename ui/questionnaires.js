// Questionnaires: GAD-7 and PHQ-9 every two weeks, with scores and bands from Rust.
import { backend } from './backend.js';
import { h, nextId, clearErrors, showError, showSaved, statusLine } from './dom.js';

export async function renderQuestionnaires(app) {
  const view = await backend.questionnaires();
  const section = h('section', { class: 'questionnaires' },
    h('h1', {}, 'Questionnaires'),
    h('p', { class: 'lead' }, view.note));
  const history = h('div', { class: 'score-history' });

  function renderHistory(v) {
    history.replaceChildren(
      h('h2', {}, 'Your scores'),
      v.history.length
        ? h('table', { class: 'scores' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Questionnaire'), h('th', { scope: 'col' }, 'Score'))),
          h('tbody', {}, v.history.map((r) => h('tr', {}, h('td', {}, r.date_label), h('td', {}, r.label), h('td', {}, r.score_label)))))
        : h('p', { class: 'hint' }, 'No questionnaires yet.'));
  }

  for (const f of view.forms) section.append(questionnaireForm(app, f, view, renderHistory));
  renderHistory(view);
  section.append(history);
  return section;
}

function questionnaireForm(app, f, view, onSaved) {
  const form = h('form', { class: 'card questionnaire', novalidate: true });
  const items = f.items.map((text, i) => {
    const name = nextId(`${f.kind}-${i}`);
    const errId = nextId('err');
    return h('fieldset', { class: 'item', 'data-field': `answers.${i}` },
      h('legend', {}, `${i + 1}. ${text}`),
      h('div', { class: 'options' }, f.options.map((label, score) => {
        const id = nextId('o');
        return h('span', { class: 'option' },
          h('input', {
            type: 'radio', id, name, value: String(score), 'aria-describedby': errId,
            onchange: () => {
              // PHQ-9 item 9: any answer above "Not at all" shows the urgent-help message now.
              if (f.safety_item === i) app.setSafety(f.safety_answers.includes(score) ? view.safety_message : null, [], 'About thoughts of self-harm');
            },
          }),
          h('label', { for: id }, label));
      })),
      h('p', { class: 'error', id: errId, 'aria-live': 'polite' }));
  });
  form.append(
    h('h2', {}, f.label),
    h('p', { class: f.due ? 'due' : 'hint' }, f.due_label),
    h('p', {}, f.stem),
    ...items,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, `Save ${f.label}`), statusLine()));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const answers = items.map((fs) => {
      const checked = fs.querySelector('input:checked');
      return checked ? Number(checked.value) : null;
    });
    try {
      const saved = await backend.saveQuestionnaire({ kind: f.kind, date: app.overview.today, answers });
      showSaved(form, saved.message);
      if (saved.safety_message) app.setSafety(saved.safety_message, [], 'About thoughts of self-harm');
      onSaved(saved.view);
    } catch (err) {
      showError(form, err);
    }
  });
  return form;
}
