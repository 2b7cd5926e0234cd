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
    let day = null;
    try { day = await backend.today(null); } catch { /* the shell is busy or gone: look later */ }
    timer = setTimeout(look, day ? day.look_again_ms : 20000);
    try {
      // Before the journal is open (the start screen) there is no day to follow.
      if (day && app.overview && day.date !== app.overview.today) {
        await app.refresh();
        await app.dayChanged?.(day);
      }
    } catch { /* the next look tries again */ }
    looking = false;
  };
  document.addEventListener('visibilitychange', () => { if (!document.hidden) look(); });
  window.addEventListener('focus', look);
  look();
}
