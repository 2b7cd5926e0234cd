fn main() {
    // Without the desktop shell (feature "desktop") there is no Tauri to build for.
    #[cfg(feature = "desktop")]
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(taper_commands())),
    )
    .expect("failed to run tauri-build");
}

/// The only commands the page may call; kept in step with `commands::handler()`.
#[cfg(feature = "desktop")]
fn taper_commands() -> &'static [&'static str] {
    &[
        "get_overview",
        "complete_setup",
        "add_medication",
        "update_medication",
        "set_medication_active",
        "set_equivalence_table",
        "set_help_country",
        "list_steps",
        "save_step",
        "delete_step",
        "save_planned_step",
        "delete_planned_step",
        "get_today",
        "get_checkin",
        "save_checkin",
        "save_checkin_draft",
        "list_history",
        "get_trends",
        "get_questionnaires",
        "save_questionnaire",
        "list_visits",
        "add_visit",
        "delete_visit",
        "add_question",
        "set_question_done",
        "delete_question",
        "save_backup",
        "restore_backup",
        "choose_import_file",
        "preview_import",
        "run_import",
        "cancel_import",
        "get_import_card",
        "undo_import",
        "save_csv",
        "save_fhir",
        "save_calendar",
        "get_summary",
        "set_paper",
        "save_summary",
        "get_start",
        "unlock",
        "start_new_journal",
        "retry_start",
        "restore_latest_backup",
        "get_settings",
        "get_about",
        "get_reminders",
        "set_reminders",
        "snooze_reminders",
        "get_plan_form",
        "propose_plan",
        "save_plan_proposal",
        "show_plan_proposal",
        "delete_plan_proposal",
        "plan_agreed_steps",
        "get_staying_open",
        "set_staying_open",
        "close_to_tray",
        "keep_window_open",
        "quit_app",
        "restore_auto_backup",
        "reopen_set_aside_journal",
        "set_passphrase",
        "change_passphrase",
        "remove_passphrase",
        "page_ready",
    ]
}
