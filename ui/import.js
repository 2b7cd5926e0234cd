// Import: past days from eMoods, Daylio, Bearable or a Taper Journal spreadsheet. The file
// is chosen in the system's own dialog and read by Rust; the page places the words Rust
// gives (the card's, and each file's preview: the first days as they will appear, what
// comes in, what is left out, the other app's scales to place on ours) and writes nothing
// until the person presses Import.
import { backend } from './backend.js';
import { h, nextId } from './dom.js';

export async function importCard(app) {
  let w;
  try {
    w = await backend.importCard();
  } catch (err) {
    // The rest of the screen (backups, restore) must stay usable: only this card says why.
    const failed = h('div', { class: 'card' }, h('p', { class: 'problem', role: 'alert' }, err.message || String(err)));
    failed.reset = async () => {};
    return failed;
  }
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
      items.length ? h('h3', {}, w.list_heading) : null,
      items.length ? h('ul', {}, items.map((i) => h('li', {},
        h('span', {}, i.label), ' ', h('span', { class: 'hint' }, `(${i.state})`), ' ',
        i.can_undo ? undoButton(i) : null))) : null);
  };
  const reloadList = async () => {
    try {
      showList((await backend.importCard()).imports);
    } catch (err) {
      say('problem', err.message || String(err));
    }
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
              await app.refresh();
            } catch (err) {
              say('problem', err.message || String(err));
              await reloadList();
            }
            chooseButton.focus(); // the button pressed is gone: keep the keyboard near
          },
        }, w.undo_yes);
        const no = h('button', { type: 'button', onclick: async () => { await reloadList(); chooseButton.focus(); } }, w.undo_no);
        b.replaceWith(h('span', { class: 'confirm' }, `${w.undo_confirm} `, yes, ' ', no));
        yes.focus();
      },
    }, w.undo);
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
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, w.value_heading), h('th', { scope: 'col' }, w.meaning_heading))),
          h('tbody', {}, s.values.map((v) => {
            const id = nextId('scale-value');
            const sel = h('select', {
              id, name: `${s.key}.${v.value}`,
              onchange: () => {
                choices.scales[s.key] = choices.scales[s.key] || {};
                choices.scales[s.key][v.value] = sel.value === '' ? null : Number(sel.value);
                refresh(`${s.key}.${v.value}`);
              },
            }, s.options.map((o) => h('option', { value: o.value }, o.label)));
            sel.value = v.means === null || v.means === undefined ? '' : String(v.means);
            return h('tr', {}, h('td', {}, h('label', { for: id }, v.label)), h('td', {}, sel));
          }))));
    });
    const existing = p.days_with_check_in > 0 ? h('fieldset', { class: 'group' },
      h('legend', {}, w.existing_legend),
      ...w.existing_choices.map(({ key, label }) => {
        const id = nextId('existing');
        return h('div', { class: 'check' },
          h('input', { id, type: 'radio', name: 'existing', value: key, checked: choices.existing === key,
            onchange: () => { choices.existing = key; refresh('existing'); } }),
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
      onclick: async () => { await backend.cancelImport(); previewBox.replaceChildren(); say('ok', w.cancelled); chooseButton.focus(); },
    }, w.cancel);
    previewBox.replaceChildren(h('div', { class: 'card import-card' },
      heading,
      h('ul', { class: 'import-counts' }, p.counts.map((c) => h('li', {}, c))),
      p.problem ? h('p', { class: 'problem', role: 'alert' }, p.problem) : null,
      ...scales,
      existing,
      p.first_days.length ? h('h4', {}, w.first_days_heading) : null,
      p.first_days.length ? h('ul', { class: 'import-days' }, p.first_days.map((d) => h('li', {},
        h('strong', {}, d.date_label), ': ', h('span', {}, d.summary),
        d.existing ? h('span', { class: 'hint' }, ` (${d.existing})`) : null,
        d.note ? h('span', { class: 'import-note' }, ` — “${d.note}”`) : null))) : null,
      h('h4', {}, w.mapped_heading),
      h('ul', {}, p.mapped.map((m) => h('li', {}, m))),
      p.dropped.length ? h('h4', {}, w.dropped_heading) : null,
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
        chooseButton.disabled = false;
        if (!r.chosen) {
          say('problem', w.not_chosen);
          chooseButton.focus();
          return;
        }
        choices = { existing: 'keep', scales: {} };
        const heading = render(r.preview);
        say('ok', w.previewed);
        heading.scrollIntoView({ block: 'center' });
        heading.focus();
      } catch (err) {
        previewBox.replaceChildren();
        chooseButton.disabled = false;
        say('problem', err.message || String(err));
        chooseButton.focus();
      }
    },
  }, w.choose);

  showList(w.imports);
  const card = h('div', { class: 'card' },
    h('h2', {}, w.heading),
    h('p', {}, w.intro),
    h('div', { class: 'actions' }, chooseButton),
    status,
    previewBox,
    list);
  // After a restore the journal is another: Rust has forgotten the file read; so does the card.
  card.reset = async () => {
    previewBox.replaceChildren();
    await reloadList();
  };
  return card;
}
