// Trends: the discussion points for a period, then the charts (SVG drawn in Rust).
import { backend } from './backend.js';
import { h, nextId } from './dom.js';

let lastPeriod = 'weeks_8';

export async function renderTrends(app, options = {}) {
  const period = options.period || lastPeriod;
  lastPeriod = period;
  const main = document.getElementById('main');
  // Charts are drawn for the width they will be shown at (the page's text column).
  const width = Math.max(320, Math.min(1600, Math.round((main.clientWidth || 960) - 48)));
  const v = await backend.trends(period, width);
  if (v.urgent_help) app.setSafety(v.urgent_help);

  const pickerName = nextId('period');
  const picker = h('fieldset', { class: 'period-picker' },
    h('legend', {}, 'Period'),
    v.periods.map((p) => {
      const id = nextId('p');
      return h('span', { class: 'period-option' },
        h('input', {
          type: 'radio', id, name: pickerName, value: p.key, checked: p.selected,
          onchange: () => app.show('trends', { period: p.key, focusSelector: `.period-picker input[value="${p.key}"]` }),
        }),
        h('label', { for: id }, p.label));
    }));

  const points = v.points.map((p) => h('li', { class: `point ${p.urgency}` },
    h('h3', {}, h('span', { class: 'urgency' }, `${p.urgency_label}: `), p.title),
    p.step_label ? h('p', { class: 'step-ref' }, `Step: ${p.step_label}`) : null,
    h('p', {}, p.detail)));

  const charts = v.charts.map((c) => {
    const captionId = nextId('chart');
    const figure = h('figure', { class: 'chart', 'aria-labelledby': captionId },
      h('h3', { id: captionId }, c.title));
    const svg = parseSvg(c.svg);
    // The figcaption below is the chart's text alternative; hiding the drawing itself
    // from screen readers keeps the summary from being read twice.
    if (svg) {
      svg.setAttribute('aria-hidden', 'true');
      figure.append(svg);
    }
    figure.append(h('figcaption', { class: 'hint' }, c.summary));
    return figure;
  });

  return h('section', { class: 'trends' },
    h('h1', {}, 'Trends'),
    h('p', { class: 'lead' }, `${v.period_label}. Converted doses use the ${v.table_label} (approximate).`),
    picker,
    v.period_note ? h('p', { class: 'hint' }, v.period_note) : null,
    h('h2', {}, 'Points you may want to discuss'),
    h('p', { class: 'hint' }, v.not_medical_advice),
    h('ul', { class: 'points' }, points),
    h('h2', {}, 'Charts'),
    charts);
}

/** The SVG from Rust as a DOM node (text in it was escaped there). */
function parseSvg(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  if (doc.querySelector('parsererror')) return null;
  return document.importNode(doc.documentElement, true);
}
