// Follows the calendar day while the app stays open. Rust says what today is and when to
// look again (at midnight, and at least every 20 s: a timer does not count the time a
// laptop sleeps); a window shown or focused again looks at once (woken from sleep).
import { backend } from './backend.js';

export function watchDay(app) {
  let timer = null;
  let looking = false;
  const look = async () => {
    if (looking) return;
    looking = true;
    clearTimeout(timer);
    let wait = 20000;
    try {
      const day = await backend.today(null);
      wait = day.look_again_ms;
      // Before the journal is open (the start screen) there is no day to follow.
      if (app.overview && day.date !== app.overview.today) await app.refresh();
      // The screen showing "today" (Today's form) compares its own day: it may have been
      // opened for the day before while the day changed.
      if (app.overview) await app.dayChanged?.(day);
    } catch { /* the shell is busy, or the journal cannot be read: the next look tries again */ }
    looking = false;
    // Only here, once this look is over, so that a slow look never ends the watch.
    timer = setTimeout(look, wait);
  };
  document.addEventListener('visibilitychange', () => { if (!document.hidden) look(); });
  window.addEventListener('focus', look);
  look();
}
