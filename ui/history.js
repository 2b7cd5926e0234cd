// History: every day since the journal began, newest first; gaps shown, days openable.
import { backend } from './backend.js';
import { h } from './dom.js';

export async function renderHistory(app) {
  const v = await backend.history();
  const items = v.entries.map((e) => e.kind === 'gap'
    ? h('li', { class: 'gap' }, h('span', {}, e.label), ' ',
      h('button', { type: 'button', class: 'link', onclick: () => app.show('today', { date: e.date }) }, `Add a check-in for ${e.date_label}`))
    : h('li', { class: e.red_flag ? 'day red' : 'day' },
      h('button', { type: 'button', class: 'day-open', onclick: () => app.show('today', { date: e.date }) },
        h('span', { class: 'day-date' }, e.date_label),
        h('span', { class: 'day-summary' }, e.summary)),
      e.marks.length ? h('p', { class: 'marks' }, e.marks.join(' · ')) : null));
  return h('section', { class: 'history' },
    h('h1', {}, 'History'),
    h('p', { class: 'lead' }, v.completeness_label),
    h('p', { class: 'hint' }, 'Open a day to see or change its check-in. Days without a check-in are shown as gaps.'),
    h('ul', { class: 'history-list' }, items));
}
