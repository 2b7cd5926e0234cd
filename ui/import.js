// Import: past days from eMoods, Daylio, Bearable or a Taper Journal spreadsheet. The file
// is chosen in the system's own dialog and read by Rust; the page shows the preview Rust
// words (the first days as they will appear, what comes in, what is left out, the other
// app's scales to place on ours) and writes nothing until the person presses Import.
import { backend } from './backend.js';
import { h, nextId } from './dom.js';

const SEVERITY = ['none', 'mild', 'moderate', 'severe'];

export function importCard(app) {
  // The card's own status line, just below its button: seen where the person is looking.
  const status = h('p', { class: 'form-status import-status', role: 'status', 'aria-live': 'polite' });
  const say = (kind, text) => {
    status.className = `form-status import-status ${kind}`;
    status.textContent = text;
    status.scrollIntoView({ block: 'nearest' });
  };
  const previewBox = h('div', { class: 'import-preview' });
  const list = h('div', { class: 'import-list' });
  let choices = { existing: 'keep', scales: {} };

  const showList = (items) => {
    list.replaceChildren(
      items.length ? h('h3', {}, 'Imports so far') : null,
      items.length ? h('ul', {}, items.map((i) => h('li', {},
        h('span', {}, i.label), ' ', h('span', { class: 'hint' }, `(${i.state})`), ' ',
        i.can_undo ? undoButton(i) : null)) ) : null);
  };
  const undoButton = (item) => {
    const b = h('button', {
      type: 'button', class: 'link',
      onclick: () => {
        const yes = h('button', {
          type: 'button', class: 'danger',
          onclick: async () => {
            yes.disabled = true;
            try {
              const r = await backend.undoImport(item.id);
              say('ok', r.message);
              showList(r.imports);
              chooseButton.focus(); // the button pressed is gone: keep the keyboard near
              await app.refresh();
            } catch (err) {
              say('problem', err.message || String(err));
              showList(await backend.imports());
            }
          },
        }, 'Yes, undo this import');
        const no = h('button', { type: 'button', onclick: async () => showList(await backend.imports()) }, 'Keep it');
        b.replaceWith(h('span', { class: 'confirm' },
          'This removes the days it brought in (days you changed since stay). ', yes, ' ', no));
        yes.focus();
      },
    }, 'Undo this import…');
    return b;
  };

  const render = (p) => {
    const heading = h('h3', { tabindex: '-1' }, p.title);
    const scales = p.scales.map((s) => {
      const legendId = nextId('scale');
      return h('fieldset', { class: 'group scale', 'aria-labelledby': legendId },
        h('legend', { id: legendId }, `${s.label} → ${s.target}`),
        h('p', { class: 'hint' }, s.hint),
        h('table', { class: 'scale-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'In the file'), h('th', { scope: 'col' }, 'Means here'))),
          h('tbody', {}, s.values.map((v) => {
            const id = nextId('scale-value');
            const options = [['', 'Leave out']];
            for (let n = 0; n <= s.max; n += 1) options.push([String(n), s.max === 3 ? SEVERITY[n] : String(n)]);
            const sel = h('select', {
              id, name: `${s.key}.${v.value}`,
              onchange: () => {
                choices.scales[s.key] = choices.scales[s.key] || {};
                choices.scales[s.key][v.value] = sel.value === '' ? null : Number(sel.value);
                refresh(`${s.key}.${v.value}`);
              },
            }, options.map(([val, text]) => h('option', { value: val }, text)));
            sel.value = v.means === null || v.means === undefined ? '' : String(v.means);
            return h('tr', {},
              h('td', {}, h('label', { for: id }, `${v.value} (${v.count === 1 ? '1 entry' : `${v.count} entries`})`)),
              h('td', {}, sel));
          }))));
    });
    const existing = p.days_with_check_in > 0 ? h('fieldset', { class: 'group' },
      h('legend', {}, 'Days that already have a check-in'),
      ...[['keep', 'Keep them as they are (only empty days are filled)'], ['replace', 'Replace them with the imported days (an undo puts them back, unless you change those days meanwhile)']].map(([value, label]) => {
        const id = nextId('existing');
        return h('div', { class: 'check' },
          h('input', { id, type: 'radio', name: 'existing', value, checked: choices.existing === value,
            onchange: () => { choices.existing = value; refresh('existing'); } }),
          h('label', { for: id }, label));
      })) : null;
    const importButton = p.import_label ? h('button', {
      type: 'button', class: 'primary',
      onclick: async () => {
        importButton.disabled = true;
        try {
          const r = await backend.runImport(choices);
          previewBox.replaceChildren();
          say('ok', r.message);
          showList(r.imports);
          await app.refresh();
          chooseButton.focus();
          status.scrollIntoView({ block: 'nearest' });
        } catch (err) {
          importButton.disabled = false;
          say('problem', err.message || String(err));
        }
      },
    }, p.import_label) : null;
    const cancel = h('button', {
      type: 'button',
      onclick: async () => { await backend.cancelImport(); previewBox.replaceChildren(); say('ok', 'Nothing was imported.'); chooseButton.focus(); },
    }, 'Cancel');
    previewBox.replaceChildren(h('div', { class: 'card import-card' },
      heading,
      h('ul', { class: 'import-counts' }, p.counts.map((c) => h('li', {}, c))),
      p.problem ? h('p', { class: 'problem', role: 'alert' }, p.problem) : null,
      ...scales,
      existing,
      p.first_days.length ? h('h4', {}, 'The first days, as they will appear') : null,
      p.first_days.length ? h('ul', { class: 'import-days' }, p.first_days.map((d) => h('li', {},
        h('strong', {}, d.date_label), ': ', h('span', {}, d.summary),
        d.existing ? h('span', { class: 'hint' }, ` (${d.existing})`) : null,
        d.note ? h('span', { class: 'import-note' }, ` — “${d.note}”`) : null))) : null,
      h('h4', {}, 'What comes in'),
      h('ul', {}, p.mapped.map((m) => h('li', {}, m))),
      p.dropped.length ? h('h4', {}, 'What is left out') : null,
      p.dropped.length ? h('ul', {}, p.dropped.map((m) => h('li', {}, m))) : null,
      h('div', { class: 'actions' }, importButton, cancel)));
    return heading;
  };

  // After a choice, the preview is worded again; the keyboard stays on the control changed.
  const refresh = async (focusName) => {
    try {
      const p = await backend.previewImport(choices);
      render(p);
      const again = previewBox.querySelector(`[name="${CSS.escape(focusName)}"]${focusName === 'existing' ? ':checked' : ''}`);
      if (again) again.focus();
    } catch (err) {
      say('problem', err.message || String(err));
    }
  };

  const chooseButton = h('button', {
    type: 'button',
    onclick: async () => {
      chooseButton.disabled = true;
      try {
        const r = await backend.chooseImportFile();
        if (!r.chosen) {
          say('problem', 'Nothing was imported: no file was chosen.');
          chooseButton.disabled = false;
          chooseButton.focus();
          return;
        }
        choices = { existing: 'keep', scales: {} };
        const heading = render(r.preview);
        say('ok', 'Nothing is written until you press Import. Check the first days below.');
        heading.scrollIntoView({ block: 'center' });
        heading.focus();
      } catch (err) {
        previewBox.replaceChildren();
        say('problem', err.message || String(err));
        chooseButton.disabled = false;
        chooseButton.focus();
      } finally {
        chooseButton.disabled = false;
      }
    },
  }, 'Choose a file to import…');

  backend.imports().then(showList).catch((err) => say('problem', err.message || String(err)));
  const card = h('div', { class: 'card' },
    h('h2', {}, 'Bring past days in'),
    h('p', {}, 'Days you tracked in eMoods, Daylio or Bearable (their CSV export), or a Taper Journal spreadsheet. You see how they will appear before anything is written; days that already have a check-in are kept unless you choose otherwise.'),
    h('div', { class: 'actions' }, chooseButton),
    status,
    previewBox,
    list);
  // After a restore the journal is another: Rust has forgotten the file read; so does the card.
  card.reset = async () => {
    previewBox.replaceChildren();
    showList(await backend.imports());
  };
  return card;
}
