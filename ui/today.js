// The daily check-in. Built for a bad day: every field optional, digits select severities,
// Enter or Ctrl+Enter saves, and what was typed stays in the form until it is saved.
import { backend } from './backend.js';
import { h, field, select, checkbox, clearErrors, showError, showSaved, statusLine, nextId } from './dom.js';
import { showUrgentHelp, urgentHelpBox } from './urgent_help.js';

const severityOptions = (labels) => labels.map((l, i) => [String(i), `${i} – ${l}`]);

// What was typed but not yet saved, per day: kept in memory at once and in the journal (as
// a draft, not a check-in) a moment later, so neither switching screens, a refused save nor
// closing the app loses it. Saving the check-in removes the draft.
const drafts = new Map();
let draftTimer = null;
let draftWrite = Promise.resolve();

function restoreDraft(form, entries) {
  for (const box of form.querySelectorAll('input[type="checkbox"]')) box.checked = false;
  for (const [name, value] of entries) {
    const controls = [...form.elements].filter((e) => e.name === name);
    for (const c of controls) {
      if (c.type === 'checkbox') { if (c.value === value) c.checked = true; } else c.value = value;
    }
  }
}

/** `checkIn`: today's check-in, already asked for (at a start). */
export async function renderToday(app, { date, checkIn } = {}) {
  const v = await (checkIn ?? backend.checkIn(date ?? null));
  const o = app.overview;
  // A day already saved with a red flag: the message above the form, seen as it opens.
  app.setSafety(v.urgent_help);

  const ratings = h('fieldset', { class: 'group ratings' },
    h('legend', {}, 'How you are'),
    h('div', { class: 'grid4' },
      v.scales.map((s) => field({
        label: s.label, name: s.key, value: v[s.key], hint: s.hint,
        inputmode: s.key === 'sleep_hours' ? 'decimal' : 'numeric',
      }))));

  const symptomSelects = v.symptoms.map((s) => select({
    label: s.label, name: `symptoms.${s.key}`, value: s.severity, options: severityOptions(o.severities),
  }));
  const ownSelects = v.own_symptoms.map((s) => select({
    label: s.label, name: `own.${s.key}`, value: s.severity, options: severityOptions(o.severities),
  }));
  const newOwnName = field({ label: 'Add your own symptom (optional)', name: 'new_own_name', hint: 'For example: jaw clenching' });
  const newOwnSeverity = select({ label: 'Its severity', name: 'new_own_severity', value: 1, options: severityOptions(o.severities) });
  const symptoms = h('fieldset', { class: 'group', 'data-field': 'symptoms' },
    h('legend', {}, 'Withdrawal symptoms'),
    h('p', { class: 'hint' }, 'Type a digit to choose: 0 none, 1 mild, 2 moderate, 3 severe.'),
    h('div', { class: 'grid3' }, symptomSelects, ownSelects),
    h('div', { class: 'grid3 own', 'data-field': 'own_symptoms' }, newOwnName, newOwnSeverity,
      h('p', { class: 'error', 'aria-live': 'polite' })),
    h('p', { class: 'error', 'aria-live': 'polite' }));

  const flagBoxes = v.red_flags.map((f) => checkbox({ label: f.label, name: 'red_flags', value: f.key, checked: f.checked }));
  // Under the boxes: the message stays beside them once its dialog is closed.
  const besideFlags = h('div', { class: 'beside-control' });
  const redFlags = h('fieldset', { class: 'group red', 'data-field': 'red_flags' },
    h('legend', {}, 'Urgent symptoms'),
    flagBoxes,
    besideFlags,
    h('p', { class: 'error', 'aria-live': 'polite' }));
  // By key, not by i.labels: a form not yet in the page (a draft being restored) has none.
  const tickedFlags = () => [...redFlags.querySelectorAll('input:checked')]
    .map((i) => v.red_flags.find((f) => f.key === i.value)?.label ?? i.value);
  const showFlagHelp = (opener) => {
    const marked = tickedFlags();
    const selfHarm = !!redFlags.querySelector('input[value="self_harm_thoughts"]:checked');
    const help = selfHarm ? v.self_harm_flag_help : v.red_flag_help;
    besideFlags.replaceChildren(...(marked.length ? [urgentHelpBox(help, { marked, markedLabel: v.marked_label })] : []));
    if (marked.length && opener) showUrgentHelp(help, { marked, markedLabel: v.marked_label, opener });
  };
  // Ticking one opens the message where the person is looking; unticking updates the box.
  redFlags.addEventListener('change', (e) => showFlagHelp(e.target.checked ? e.target : null));
  if (v.urgent_help) besideFlags.replaceChildren(urgentHelpBox(v.urgent_help));

  const doses = h('fieldset', { class: 'group' },
    h('legend', {}, 'Dose taken'),
    v.doses.length ? v.doses.map((d) => field({
      label: `${d.medication} (mg taken in total)`, name: `doses_taken.${d.medication_id}`, value: d.taken_mg,
      inputmode: 'decimal', hint: `${d.step_label}. Change it if you took a different amount; it is simply recorded.`,
    })) : h('p', { class: 'hint' }, 'No active medications.'));

  // Why a substance matters with a benzodiazepine: said calmly beside the box, once in the
  // check-in (it stays while the box is ticked or the drinks are above 0; no dialog).
  const substanceNote = (key) => h('p', { class: 'substance-note', 'data-substance': key, role: 'status', hidden: true }, v.substance_notes[key]);
  const notes = { opioids: substanceNote('opioids'), other_sedatives: substanceNote('other_sedatives'), alcohol: substanceNote('alcohol') };
  const alcoholField = field({ label: 'Alcoholic drinks', name: 'alcohol_drinks', value: v.alcohol_drinks, inputmode: 'numeric' });
  alcoholField.append(notes.alcohol);
  const opioidBox = checkbox({ label: 'Opioids (e.g. painkillers)', name: 'opioids', checked: v.opioids });
  const sedativeBox = checkbox({ label: 'Other sedatives or sleep aids', name: 'other_sedatives', checked: v.other_sedatives });
  const substances = h('fieldset', { class: 'group' },
    h('legend', {}, 'Other substances'),
    h('div', { class: 'grid3' },
      alcoholField,
      h('div', { class: 'checks' },
        opioidBox, notes.opioids,
        checkbox({ label: 'Cannabis', name: 'cannabis', checked: v.cannabis }),
        sedativeBox, notes.other_sedatives),
      field({ label: 'Substance note (optional)', name: 'substance_note', value: v.substance_note })));
  const updateSubstanceNotes = () => {
    const drinks = Number(String(alcoholField.querySelector('input').value).trim());
    const on = {
      opioids: opioidBox.querySelector('input').checked,
      other_sedatives: sedativeBox.querySelector('input').checked,
      alcohol: Number.isFinite(drinks) && drinks > 0,
    };
    for (const [key, note] of Object.entries(notes)) note.hidden = !on[key];
  };
  substances.addEventListener('input', updateSubstanceNotes);
  substances.addEventListener('change', updateSubstanceNotes);

  const practices = h('fieldset', { class: 'group', 'data-field': 'practices' },
    h('legend', {}, 'Therapy and coping practice'),
    h('div', { class: 'checks row' }, v.practices.map((p) => checkbox({ label: p.label, name: 'practices', value: p.key, checked: p.checked }))),
    field({ label: 'Practice note (optional)', name: 'practice_note', value: v.practice_note }),
    h('p', { class: 'error', 'aria-live': 'polite' }));

  const note = field({ label: 'Note (optional)', name: 'note', value: v.note, multiline: true });
  let saving = false; // a save in flight keeps the form on its day (followDay)
  const status = statusLine();
  const form = h('form', { class: 'checkin', novalidate: true },
    h('div', { class: 'field', 'data-field': 'date' }, h('p', { class: 'error', 'aria-live': 'polite' })),
    ratings, symptoms, redFlags, doses, substances, practices, note,
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary' }, v.exists ? 'Save changes' : 'Save check-in'),
      status));

  const draft = drafts.get(v.date) ?? v.draft;
  if (draft) {
    restoreDraft(form, draft);
    updateSubstanceNotes();
    // A draft with a red flag ticked brings the message back as the form opens.
    const wasTicked = v.red_flags.some((f) => f.checked);
    if (tickedFlags().length) {
      const firstTicked = redFlags.querySelector('input:checked');
      // Once the screen is in the page (after app.show has placed and focused it).
      setTimeout(() => { if (firstTicked.isConnected) showFlagHelp(firstTicked); }, 0);
    } else if (wasTicked) besideFlags.replaceChildren();
  } else updateSubstanceNotes();
  const keepDraft = () => {
    const entries = [...new FormData(form).entries()].map(([k, val]) => [k, String(val)]);
    drafts.set(v.date, entries);
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => {
      draftWrite = backend.saveCheckInDraft(v.date, entries).catch(() => {});
    }, 400);
  };
  form.addEventListener('input', keepDraft);
  form.addEventListener('change', keepDraft);

  // The sticky save bar must never hide the control that has the focus (WCAG 2.4.11).
  // WebKit does not scroll to a control that is already in the window, even under the bar:
  // move it clear. Not for a click, though: moving the page under the pointer would lose
  // the click (and what is clicked was in sight anyway).
  let pointerAt = -Infinity;
  form.addEventListener('pointerdown', (e) => { pointerAt = e.timeStamp; });
  form.addEventListener('focusin', (e) => {
    const bar = form.querySelector('.actions.sticky');
    if (bar.contains(e.target) || e.timeStamp - pointerAt < 1000) return;
    const overlap = e.target.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
    if (overlap > 0) window.scrollBy(0, overlap + 16);
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const input = {
      date: v.date,
      anxiety: data.get('anxiety'), mood: data.get('mood'),
      sleep_hours: data.get('sleep_hours'), sleep_quality: data.get('sleep_quality'),
      symptoms: {}, own_symptoms: {}, red_flags: data.getAll('red_flags'), doses_taken: {},
      alcohol_drinks: data.get('alcohol_drinks'),
      opioids: data.has('opioids'), cannabis: data.has('cannabis'), other_sedatives: data.has('other_sedatives'),
      substance_note: data.get('substance_note'),
      practices: data.getAll('practices'), practice_note: data.get('practice_note'),
      note: data.get('note'),
    };
    for (const [k, val] of data.entries()) {
      if (k.startsWith('symptoms.')) input.symptoms[k.slice(9)] = val;
      else if (k.startsWith('own.')) input.own_symptoms[k.slice(4)] = val;
      else if (k.startsWith('doses_taken.')) input.doses_taken[k.slice(12)] = val;
    }
    const ownName = (data.get('new_own_name') || '').trim();
    if (ownName) input.own_symptoms[ownName] = data.get('new_own_severity');
    saving = true;
    try {
      // Keep the draft now (a refused save keeps it); saving the check-in then removes it
      // in the same transaction, and no later draft write can bring it back.
      clearTimeout(draftTimer);
      await draftWrite;
      const entries = drafts.get(v.date);
      if (entries) await backend.saveCheckInDraft(v.date, entries).catch(() => {});
      const saved = await backend.saveCheckIn(input);
      drafts.delete(v.date);
      // Re-render so new own symptoms get their own row, then confirm.
      const fresh = await renderToday(app, { date: saved.check_in.date });
      form.closest('section').replaceWith(fresh);
      showSaved(fresh.querySelector('form'), saved.message);
      fresh.querySelector('.form-status').focus?.();
      // Saved with a red flag: the message again, in view, over the confirmation.
      if (saved.check_in.urgent_help) {
        showUrgentHelp(saved.check_in.urgent_help, { opener: fresh.querySelector('button[type="submit"]') });
      }
    } catch (err) {
      showError(form, err);
    } finally {
      saving = false;
    }
  });

  const heading = h('h1', {}, v.is_today ? `Today — ${v.date_label}` : `Check-in for ${v.date_label}`);
  const section = h('section', { class: 'today' },
    heading,
    v.clock_note ? h('p', { class: 'clock-note', role: 'status' }, v.clock_note) : null,
    h('p', { class: 'lead' }, v.exists
      ? 'You checked in on this day already; change anything and save again.'
      : 'Every field is optional. Fill in what you can; it takes under a minute.'),
    v.imported ? h('p', { class: 'hint imported-from' }, `${v.imported}.`) : null,
    v.questionnaire_due ? h('div', { class: 'due-note', role: 'status' },
      h('p', {}, v.questionnaire_due),
      h('button', { type: 'button', onclick: () => app.show('questionnaires') }, 'Open questionnaires')) : null,
    draft ? h('div', { class: 'draft-note', role: 'status' },
      h('p', {}, 'What you typed earlier is back in the form. It is not saved yet.'),
      h('button', {
        type: 'button',
        onclick: async () => {
          clearTimeout(draftTimer);
          await draftWrite;
          drafts.delete(v.date);
          await backend.saveCheckInDraft(v.date, []).catch(() => {});
          // A day after today (the clock moved back) opens only while something is kept for it.
          app.show('today', v.date > app.overview.today && !v.exists ? {} : { date: v.date });
        },
      }, 'Discard unsaved changes')) : null,
    v.is_today ? null : h('p', {}, h('button', { type: 'button', class: 'link', onclick: () => app.show('today') }, 'Back to today')),
    form,
    dayOpener(app, v));
  if (v.is_today) {
    const typed = () => saving || drafts.has(v.date) || !!draft;
    app.dayChanged = (day) => followDay(app, v, { section, heading, form, typed }, day);
  }
  return section;
}

/** The day changed while today's form was open (midnight, the clock, a laptop woken). An
 *  untouched form follows the day; one with something typed (or being saved) keeps the day
 *  it was opened for, says so in the save bar (in view wherever the page is scrolled, and
 *  apart from the save's own status), and offers today's. Called at every look. */
async function followDay(app, v, { section, heading, form, typed }, day) {
  if (!section.isConnected) return;
  const bar = form.querySelector('.actions.sticky');
  const shown = bar.querySelector('.kept-day');
  if (day.date === v.date) {
    heading.textContent = `Today — ${v.date_label}`;
    bar.querySelector('.open-today')?.remove();
    shown?.remove();
    return;
  }
  if (shown?.dataset.today === day.date) return; // said already for this day
  if (!typed()) { await app.show('today', { focusHeading: false }); return; }
  const kept = await backend.today(v.date);
  if (!section.isConnected) return;
  heading.textContent = `Check-in for ${v.date_label}`;
  if (!bar.querySelector('.open-today')) {
    bar.insertBefore(h('button', { type: 'button', class: 'open-today', onclick: () => app.show('today') }, kept.open_today_label),
      bar.querySelector('.form-status'));
  }
  // A new element, not changed text: WebKit does not always repaint text changed in the bar.
  const note = h('p', { class: 'kept-day', role: 'status', 'data-today': day.date }, kept.kept_day_note);
  if (shown) shown.replaceWith(note); else bar.append(note);
}

/** "Check in for another day": catch up on a missed day, or open an earlier one. */
function dayOpener(app, v) {
  const form = h('form', { class: 'day-opener', novalidate: true },
    field({ label: 'Check in for another day', name: 'date', value: '', hint: 'YYYY-MM-DD, today or earlier', attrs: { placeholder: v.date } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Open day'), statusLine()));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const date = form.elements.date.value.trim();
    try {
      await backend.checkIn(date); // validates the date before leaving this screen
      app.show('today', { date });
    } catch (err) { showError(form, err); }
  });
  return form;
}
