// The one seam between the page and Rust: every command the page calls, in one place.
// Each call resolves with the view Rust computed, or rejects with
// { kind, field, message } (see src-tauri/commands.rs).

const invoke = (cmd, args) => {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({ kind: 'unavailable', field: null, message: 'The app shell is not available.' });
  }
  return tauri.core.invoke(cmd, args).catch((e) => {
    if (e && typeof e === 'object' && 'message' in e) throw e;
    throw { kind: 'unknown', field: null, message: String(e) };
  });
};

export const backend = {
  overview: () => invoke('get_overview'),
  completeSetup: (input) => invoke('complete_setup', { input }),
  addMedication: (input) => invoke('add_medication', { input }),
  updateMedication: (id, input) => invoke('update_medication', { id, input }),
  setMedicationActive: (id, active) => invoke('set_medication_active', { id, active }),
  setEquivalenceTable: (table) => invoke('set_equivalence_table', { table }),
  setHelpCountry: (helpCountry) => invoke('set_help_country', { input: { help_country: helpCountry } }),
  steps: () => invoke('list_steps'),
  saveStep: (input) => invoke('save_step', { input }),
  deleteStep: (id) => invoke('delete_step', { id }),
  savePlannedStep: (input) => invoke('save_planned_step', { input }),
  deletePlannedStep: (id) => invoke('delete_planned_step', { id }),
  today: (formDate) => invoke('get_today', { formDate: formDate ?? null }),
  checkIn: (date) => invoke('get_checkin', { date: date ?? null }),
  saveCheckIn: (input) => invoke('save_checkin', { input }),
  saveCheckInDraft: (date, form) => invoke('save_checkin_draft', { date, form }),
  history: () => invoke('list_history'),
  trends: (period, width) => invoke('get_trends', { period, width }),
  questionnaires: () => invoke('get_questionnaires'),
  saveQuestionnaire: (input) => invoke('save_questionnaire', { input }),
  visits: () => invoke('list_visits'),
  addVisit: (input) => invoke('add_visit', { input }),
  deleteVisit: (id) => invoke('delete_visit', { id }),
  addQuestion: (text) => invoke('add_question', { text }),
  setQuestionDone: (id, done) => invoke('set_question_done', { id, done }),
  deleteQuestion: (id) => invoke('delete_question', { id }),
  saveBackup: () => invoke('save_backup'),
  restoreBackup: () => invoke('restore_backup'),
  chooseImportFile: () => invoke('choose_import_file'),
  previewImport: (choices) => invoke('preview_import', { choices }),
  runImport: (choices) => invoke('run_import', { choices }),
  cancelImport: () => invoke('cancel_import'),
  importCard: () => invoke('get_import_card'),
  undoImport: (id) => invoke('undo_import', { id }),
  saveCsv: () => invoke('save_csv'),
  saveFhir: () => invoke('save_fhir'),
  saveCalendar: (neutralTitles, alarms) => invoke('save_calendar', { neutralTitles, alarms }),
  summary: (period, patientName) => invoke('get_summary', { period, patientName }),
  setPaper: (paper) => invoke('set_paper', { paper }),
  saveSummary: (period, patientName) => invoke('save_summary', { period, patientName }),
  start: () => invoke('get_start'),
  unlock: (passphrase) => invoke('unlock', { passphrase }),
  startNewJournal: () => invoke('start_new_journal'),
  retryStart: () => invoke('retry_start'),
  restoreLatestBackup: (passphrase) => invoke('restore_latest_backup', { passphrase: passphrase ?? null }),
  settings: () => invoke('get_settings'),
  about: () => invoke('get_about'),
  reminders: () => invoke('get_reminders'),
  setReminders: (input) => invoke('set_reminders', { input }),
  snoozeReminders: () => invoke('snooze_reminders'),
  planForm: () => invoke('get_plan_form'),
  proposePlan: (input) => invoke('propose_plan', { input }),
  savePlanProposal: (input) => invoke('save_plan_proposal', { input }),
  showPlanProposal: (id) => invoke('show_plan_proposal', { id }),
  deletePlanProposal: (id) => invoke('delete_plan_proposal', { id }),
  planAgreedSteps: (input) => invoke('plan_agreed_steps', { input }),
  stayingOpen: () => invoke('get_staying_open'),
  setStayingOpen: (input) => invoke('set_staying_open', { input }),
  closeToTray: () => invoke('close_to_tray'),
  keepWindowOpen: () => invoke('keep_window_open'),
  quitApp: () => invoke('quit_app'),
  restoreAutoBackup: (name) => invoke('restore_auto_backup', { name }),
  reopenSetAside: (name, passphrase) => invoke('reopen_set_aside_journal', { name, passphrase: passphrase ?? null }),
  setPassphrase: (input) => invoke('set_passphrase', { input }),
  changePassphrase: (input) => invoke('change_passphrase', { input }),
  removePassphrase: (input) => invoke('remove_passphrase', { input }),
  pageReady: (marks) => invoke('page_ready', { marks }),
};
