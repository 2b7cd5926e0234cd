// Ready as soon as the page has run: the floor every start of the app stands on.
window.__TAURI_INTERNALS__.invoke('page_ready');
