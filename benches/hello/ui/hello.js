// Ready as soon as the page has run: the floor every start of the app stands on. Sends the
// moments the app's start-up timeline also has (wall clock), to compare the two.
const at = performance.timeOrigin;
window.__TAURI_INTERNALS__.invoke('page_ready', {
  marks: [['navigation start', at], ['script running', at + performance.now()]],
});
