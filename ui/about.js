// About: the version, the licence, where this journal lives, the sources of the
// equivalence tables and the third-party licences, all from Rust (views/about.rs).
import { backend } from './backend.js';
import { h } from './dom.js';

/** A long licence text, folded until asked for. */
function licence(summary, text) {
  return h('details', { class: 'licence' },
    h('summary', {}, summary),
    // Scrolls inside its box, so it takes the keyboard focus (to scroll with the arrows)
    // and is named for a screen reader by what it holds.
    h('pre', { tabindex: '0', 'aria-label': summary }, text));
}

export async function renderAbout() {
  const view = await backend.about();
  return h('section', { class: 'about' },
    h('h1', {}, 'About'),
    h('div', { class: 'card' },
      h('h2', {}, view.title),
      h('p', {}, view.licence),
      h('p', {}, view.not_advice)),
    h('div', { class: 'card' },
      h('h2', {}, 'Where this journal lives'),
      h('p', { class: 'path' }, h('code', {}, view.journal_path))),
    h('div', { class: 'card' },
      h('h2', {}, 'Dose equivalence tables'),
      h('ul', {}, ...view.tables.map((t) => h('li', {}, h('strong', {}, t.label), ': ', t.source)))),
    h('div', { class: 'card' },
      h('h2', {}, 'Licences'),
      licence('Taper Journal (MIT licence)', view.licence_text),
      licence('DejaVu fonts, used in the visit summary', view.font_licence),
      licence('Third-party software', view.third_party_licences)));
}
