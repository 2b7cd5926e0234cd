// Visit summary: the one-to-two page summary for the clinic, previewed here as it will print,
// then saved as a PDF where you choose. Every figure and word comes from Rust.
import { backend } from './backend.js';
import { h, field, select, clearErrors, showError, showStatus, statusLine } from './dom.js';

let chosen = { period: 'since_last_visit', name: '' };

// The taper proposal shown, in the words the PDF prints.
function proposalSection(p) {
  return h('section', { class: 'summary-proposal' },
    h('h3', {}, p.heading),
    h('p', {}, h('strong', {}, p.notice)),
    h('p', {}, p.assumed),
    p.earlier ? h('p', { class: 'hint' }, p.earlier) : null,
    p.rows.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'steps-table' },
        h('thead', {}, h('tr', {}, p.headers.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, p.rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))))
      : null,
    p.more ? h('p', { class: 'hint' }, p.more) : null,
    h('p', {}, p.ending),
    p.to_discuss.length ? h('ul', {}, p.to_discuss.map((w) => h('li', {}, w))) : null);
}

export async function renderSummary(app) {
  const v = await backend.summary(chosen.period, chosen.name || null);
  const s = v.summary;

  const form = h('form', { class: 'card summary-options', novalidate: true },
    h('div', { class: 'grid3' },
      select({ label: 'Period', name: 'period', value: chosen.period, options: v.periods.map((p) => [p.key, p.label]) }),
      select({ label: 'Paper size', name: 'paper', value: v.paper, options: [['a4', 'A4'], ['letter', 'US Letter']] }),
      field({ label: 'Your name on the summary (optional)', name: 'patient_name', value: chosen.name })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => refresh() }, 'Update preview'),
      h('button', { type: 'submit', class: 'primary' }, 'Save the summary as PDF…'),
      statusLine()));
  const el = form.elements;
  const refresh = async () => {
    const next = { period: el.period.value, name: el.patient_name.value };
    clearErrors(form);
    try {
      // Checked first, so a refused name is shown beside its field and not kept.
      await backend.summary(next.period, next.name || null);
      await backend.setPaper(el.paper.value);
      chosen = next;
      await app.show('summary', { focusSelector: 'select[name="period"]' });
    } catch (err) { showStatusOrField(err); }
  };
  const showStatusOrField = (err) => {
    if (err && err.field) showError(form, err);
    else showStatus(form, 'problem', err && err.message ? err.message : String(err));
  };
  el.period.addEventListener('change', refresh);
  el.paper.addEventListener('change', () => backend.setPaper(el.paper.value).catch((err) => showError(form, err)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const save = form.querySelector('button[type="submit"]');
    save.disabled = true; // one dialog at a time
    try {
      const r = await backend.saveSummary(el.period.value, el.patient_name.value || null);
      showStatus(form, r.saved ? 'ok' : 'problem', r.message);
    } catch (err) {
      showStatusOrField(err);
    } finally {
      save.disabled = false;
    }
  });

  const w = s.words;
  // A chart as a figure: its SVG (hidden from screen readers) and its words as caption.
  const chartFigure = (c) => {
    const fig = h('figure', { class: 'chart' }, h('h4', {}, c.title));
    const doc = new DOMParser().parseFromString(c.svg, 'image/svg+xml');
    if (!doc.querySelector('parsererror')) {
      const svg = document.importNode(doc.documentElement, true);
      svg.setAttribute('aria-hidden', 'true');
      fig.append(svg);
    }
    fig.append(h('figcaption', { class: 'hint' }, c.summary));
    return c.note ? [fig, h('p', {}, c.note)] : [fig];
  };
  const preview = h('article', { class: 'summary-preview', 'aria-label': 'Preview of the summary' },
    h('h2', {}, s.title),
    h('p', {}, s.period_label),
    s.period_note ? h('p', { class: 'hint' }, s.period_note) : null,
    s.agreed.map((a) => h('p', {}, a)),
    s.safety_note ? h('p', { class: 'point safety' }, s.safety_note) : null,
    h('h3', {}, w.points),
    s.points.length ? null : h('p', {}, w.no_points),
    h('ul', { class: 'points' }, s.points.map((p) => h('li', { class: `point ${p.urgency}` },
      h('strong', {}, `${p.urgency_label}: ${p.title}`),
      p.step_label ? h('p', { class: 'step-ref' }, `Step: ${p.step_label}`) : null,
      h('p', {}, p.detail)))),
    h('h3', {}, w.medication),
    s.medications.length ? null : h('p', {}, w.no_medication),
    s.medications.map((m) => h('p', {}, h('strong', {}, m.name), ` — ${m.dose}`, m.equivalent ? h('br') : null, m.equivalent)),
    s.total_reduction ? h('p', {}, s.total_reduction) : null,
    h('h3', {}, w.charts),
    s.charts.filter((c) => c.key === 'dose').flatMap(chartFigure),
    s.dose_chart_note ? h('p', {}, s.dose_chart_note) : null,
    h('h3', {}, w.symptom_charts),
    s.charts.filter((c) => c.key !== 'dose').flatMap(chartFigure),
    s.chart_notes.map((n) => h('p', {}, n)),
    h('h3', {}, w.steps),
    s.step_table.rows.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'steps-table' },
        h('thead', {}, h('tr', {}, s.step_table.headers.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, s.step_table.rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))))
      : null,
    h('p', { class: 'hint' }, s.step_table.note),
    s.step_table.details.length ? h('ul', { class: 'hint' }, s.step_table.details.map((d) => h('li', {}, d))) : null,
    s.step_table.differed ? h('p', { class: 'hint' }, s.step_table.differed) : null,
    s.proposal ? proposalSection(s.proposal) : null,
    h('h3', {}, w.questionnaires),
    s.questionnaires.length ? h('ul', {}, s.questionnaires.map((q) => h('li', {}, q))) : h('p', {}, w.no_questionnaires),
    h('h3', {}, w.substances), h('p', {}, s.substances),
    h('h3', {}, w.completeness), h('p', {}, s.completeness),
    h('h3', {}, w.questions),
    s.questions.length ? h('ul', {}, s.questions.map((q) => h('li', {}, q))) : h('p', {}, w.no_questions),
    h('p', { class: 'hint' }, s.self_reported),
    h('p', { class: 'hint' }, s.not_medical_advice),
    h('p', { class: 'hint' }, s.made_on));

  return h('section', { class: 'summary' },
    h('h1', {}, 'Visit summary'),
    h('p', { class: 'lead' }, 'One or two pages to bring to your clinic visit. This is how it will print.'),
    form,
    preview);
}
