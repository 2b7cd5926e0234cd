// Questionnaires: GAD-7 and PHQ-9 every two weeks, with scores and bands from Rust.
import { backend } from './backend.js';
import { h, nextId, clearErrors, showError, showSaved, statusLine } from './dom.js';
import { showUrgentHelp, urgentHelpBox } from './urgent_help.js';

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
  // Beside question 9: the message stays there, under the answer, once the dialog is closed.
  const besideItem = h('div', { class: 'beside-control' });
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
            onchange: (e) => {
              // PHQ-9 question 9: any answer above "Not at all" shows the message at once,
              // in a dialog that takes the focus, and keeps it beside the question.
              if (f.safety_item !== i) return;
              const help = view.self_harm_help[score];
              besideItem.replaceChildren(...(help ? [urgentHelpBox(help)] : []));
              if (help) showUrgentHelp(help, { opener: e.target });
            },
          }),
          h('label', { for: id }, label));
      })),
      h('p', { class: 'error', id: errId, 'aria-live': 'polite' }),
      f.safety_item === i ? besideItem : null);
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
      if (saved.urgent_help) showUrgentHelp(saved.urgent_help, { opener: form.querySelector('button[type="submit"]') });
      onSaved(saved.view);
    } catch (err) {
      showError(form, err);
    }
  });
  return form;
}
