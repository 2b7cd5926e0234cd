// Starts the page: asks Rust what a start found (with the journal open, its overview and
// today's check-in), shows the start's screens, first-run setup or the journal's screens.
import { backend } from './backend.js';
import { h } from './dom.js';
import { renderToday } from './today.js';
import { urgentHelpBox } from './urgent_help.js';

// Today is on the path to the first screen; every other screen's module is loaded when it is
// first shown, and fetched ahead once the first screen is interactive (loadTheRest), so
// that a start does not wait for code it does not run. So are the first run's setup, the
// locked and damaged journal's screens, the day's watch and the close-to-tray question:
// each module file fetched costs a start a few milliseconds.
const setup = () => import('./setup.js');
const startScreen = () => import('./start_screen.js');
const closeToTray = () => import('./close_to_tray.js');
const dayWatch = () => import('./day_watch.js');
const screens = {
  today: async () => renderToday,
  steps: () => import('./steps.js').then((m) => m.renderSteps),
  plan: () => import('./plan.js').then((m) => m.renderPlan),
  trends: () => import('./trends.js').then((m) => m.renderTrends),
  questionnaires: () => import('./questionnaires.js').then((m) => m.renderQuestionnaires),
  visits: () => import('./visits.js').then((m) => m.renderVisits),
  history: () => import('./history.js').then((m) => m.renderHistory),
  medications: () => import('./medications.js').then((m) => m.renderMedications),
  exports: () => import('./exports.js').then((m) => m.renderExports),
  summary: () => import('./summary.js').then((m) => m.renderSummary),
  settings: () => import('./settings.js').then((m) => m.renderSettings),
  about: () => import('./about.js').then((m) => m.renderAbout),
};

/** Fetches the other screens' modules, once the first screen is up. */
function loadTheRest() {
  for (const load of [...Object.values(screens), setup, startScreen, closeToTray]) load().catch(() => {});
}

// For the style sheet's font (style.css says why): the platform, not the user agent, which
// WebKitGTK words as a Mac's.
if (/^Win/.test(navigator.platform)) document.documentElement.classList.add('on-windows');
else if (/^Mac/.test(navigator.platform)) document.documentElement.classList.add('on-mac');

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const safety = document.getElementById('safety');

// The page shows no text until its first screen is in place (index.html says why); the
// header and footer appear with it, and "Opening your journal…" only if the start takes
// longer than a blink.
const framing = [document.querySelector('header.top'), document.querySelector('footer.foot')];
const slowStart = setTimeout(() => {
  if (!main.firstChild) fill(h('p', { class: 'loading' }, 'Opening your journal…'));
}, 250);

/** Puts a screen (or a problem, or the start's screens) in the main area: the one place it
 *  is filled, so the page's frame is shown in the same moment as the first of them. */
function fill(content) {
  clearTimeout(slowStart);
  for (const part of framing) part.hidden = false;
  main.replaceChildren(content);
}

let showTicket = 0;

export const app = {
  overview: null,
  /** Set by the screen on show that follows the calendar day (day_watch.js). */
  dayChanged: null,
  /** Shows a screen; `options` (e.g. { date }) is passed to its renderer. */
  async show(screen, options = {}) {
    for (const b of nav.querySelectorAll('button')) {
      if (b.dataset.screen === screen) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    // The urgent-help message belongs to the check-in it came from; Today sets it again.
    app.setSafety(null);
    // Only Today's form follows the day; it sets this again as it renders.
    app.dayChanged = null;
    // Only the latest request may fill the page: a slow screen (charts) that finishes after
    // the person has moved on must not replace the screen they chose.
    const ticket = ++showTicket;
    try {
      const render = await screens[screen]();
      const content = await render(app, options);
      if (ticket !== showTicket) return;
      fill(content);
      const heading = main.querySelector('h1');
      if (options.focusSelector) main.querySelector(options.focusSelector)?.focus();
      else if (heading && options.focusHeading !== false) { heading.tabIndex = -1; heading.focus(); }
    } catch (err) {
      showProblem(err);
    }
  },
  async refresh() {
    return app.useOverview(await backend.overview());
  },
  /** Keeps an overview from Rust as the page's own. */
  useOverview(overview) {
    app.overview = overview;
    document.getElementById('disclaimer').textContent = overview.not_medical_advice;
    return overview;
  },
  /** Shows (an UrgentHelp from Rust) or hides the urgent-help message above the screen.
   *  What is raised by a click is shown where the person is looking (urgent_help.js). */
  setSafety(help, marked = [], markedLabel = '') {
    if (!help) { safety.hidden = true; safety.replaceChildren(); return; }
    safety.replaceChildren(urgentHelpBox(help, { marked, markedLabel, announce: true }));
    safety.hidden = false;
  },
};

function showProblem(err) {
  fill(h('section', { class: 'problem-page' },
    h('h1', {}, 'The journal could not be opened'),
    h('p', {}, err && err.message ? err.message : String(err)),
    h('p', {}, 'Nothing has been changed. Please close the app and try again.')));
}

nav.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-screen]');
  if (b) { showNotice(null); app.show(b.dataset.screen); }
});

/** A calm line above the screen, said once (a backup kept aside, a backup not taken). */
function showNotice(text) {
  const notice = document.getElementById('notice');
  notice.textContent = text || '';
  notice.hidden = !text;
}

// The start's moments on the wall clock, for the start-up timeline Rust prints when asked
// (src-tauri/start_trace.rs).
const clock = () => performance.timeOrigin + performance.now();
const startMarks = [['app.js running', clock()]];

/** The page's load, as the browser timed it: the document and each module fetched. */
function loadMarks() {
  const since = (ms) => performance.timeOrigin + ms;
  const page = performance.getEntriesByType('navigation')[0];
  const marks = [['navigation start', since(0)]];
  if (page) marks.push(['index.html received', since(page.responseEnd)], ['DOM parsed', since(page.domInteractive)]);
  for (const r of performance.getEntriesByType('resource')) {
    marks.push([`${r.name.split('/').pop()} received`, since(r.responseEnd)]);
  }
  return marks;
}

async function start() {
  // One question on the way to the first screen (a FirstScreen): what Rust found, and with
  // the journal open its overview and today's check-in.
  let first;
  try {
    first = await backend.start();
  } catch (err) {
    showProblem(err);
    return;
  }
  startMarks.push(['start answered', clock()]);
  await begin(first.start, first);
  startMarks.push(['first screen shown', clock()]);
  backend.pageReady([...loadMarks(), ...startMarks]).catch(() => {});
  setTimeout(loadTheRest, 0);
  // Today works without it; only following midnight would be missed.
  dayWatch().then((m) => m.watchDay(app)).catch((err) => console.error('day watch', err));
}

/** Shows what Rust found (a StartView): the locked, damaged or in-use screen, or the
 *  journal once it opens. At a start, and after another journal was opened in its place;
 *  `answered`, at a start only, is the FirstScreen Rust answered with. */
async function begin(found, answered = null) {
  if (found.state !== 'open') {
    nav.hidden = true;
    showNotice(null);
    let renderStartScreen;
    try {
      ({ renderStartScreen } = await startScreen());
    } catch (err) {
      showProblem(err);
      return;
    }
    fill(renderStartScreen(found, async (opened) => { await openJournal(); showNotice(opened.notice); }));
    // The locked screen: straight to the passphrase. Any other: its heading is read first.
    const first = found.state === 'locked' ? main.querySelector('input') : main.querySelector('h1');
    if (first && first.tagName === 'H1') first.tabIndex = -1;
    first?.focus();
    return;
  }
  // Shown again by openJournal, once the journal is set up.
  nav.hidden = true;
  await openJournal(answered);
  // Said with the screen, not before it: nothing is shown before the first screen.
  showNotice(found.notice);
}
app.begin = begin;

async function openJournal(answered = null) {
  try {
    // Today's check-in asked for beside the overview, not after it: one wait fewer before
    // the first screen. Unused (and its refusal ignored) when setup comes first. What the
    // start answered is used; what it could not read is asked again, to show why.
    const todays = answered?.check_in ? Promise.resolve(answered.check_in) : backend.checkIn(null);
    todays.catch(() => {});
    const overview = answered?.overview ? app.useOverview(answered.overview) : await app.refresh();
    startMarks.push(['overview answered', clock()]);
    if (overview.needs_setup) {
      const { renderSetup } = await setup();
      fill(renderSetup(app, async () => {
        nav.hidden = false;
        await app.show('today');
      }));
      main.querySelector('h1')?.focus();
    } else {
      nav.hidden = false;
      await app.show('today', { focusHeading: false, checkIn: todays });
    }
  } catch (err) {
    showProblem(err);
  }
}

// Called from Rust (window.rs): the tray's "Check in now" or a notification's click shows
// a screen, once the journal is open and set up; the first close to the tray asks here.
window.taperShow = (screen) => { if (!nav.hidden) app.show(screen); };
// If the dialog cannot be loaded, the window goes to the tray, as the person chose in
// Settings, rather than a close that does nothing.
window.taperCloseToTray = (words) => closeToTray()
  .then((m) => m.askCloseToTray(words), () => backend.closeToTray().catch(() => {}));

start();
