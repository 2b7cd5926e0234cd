//! Import in the real window: a Daylio file with the person's own mood words, chosen
//! through the (test) file dialog; the preview in view at the default and the smallest
//! window, a mood word placed on the scale, the import, History's mark, and the undo.

use super::*;

const IMPORT_TEST_PORT: u16 = 4470;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daylio_file_is_previewed_imported_shown_in_history_and_undone() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = artifacts();
    let journal = tmp.path().join("e2e-import.db");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/daylio_custom.csv");
    let _driver = TauriDriver::start(
        &journal,
        &out.join("tauri-driver-import.log"),
        IMPORT_TEST_PORT,
        &[("TAPER_JOURNAL_OPEN_FILE", &file)],
    );
    let mut audit = Audit::new("import");
    let c = open_app(IMPORT_TEST_PORT).await;
    set_up_today(&c, "diazepam", "5").await;

    // The preview, right after the file is chosen, at the default window and the smallest;
    // Cancel writes nothing.
    for (w, h, size) in [(1100, 800, "default"), (480, 480, "480")] {
        t("window size", c.set_window_size(w, h)).await;
        press(&c, "Export and import").await;
        press(&c, "Choose a file to import…").await;
        see(&c, "Daylio (CSV export): daylio_custom.csv").await;
        assert_in_view(
            &c,
            ".import-preview h3",
            &format!("{size}: the preview's heading"),
        )
        .await;
        assert_eq!(focused(&c).await, "Daylio (CSV export): daylio_custom.csv");
        shot(&c, &out, &format!("import-preview-{size}")).await;
        if size == "default" {
            // Until the person's own words are placed, only the days with a note have
            // anything to bring in.
            see(
                &c,
                "2 days from 6 Mar 2026 to 9 Mar 2026, read from 7 rows.",
            )
            .await;
            see(&c, "4 days with nothing this journal keeps").await;
            see(&c, "activities (reading, tea, nature / walk").await;
            audit.screen(&c, "Export and import (import preview)").await;
            press(&c, "Cancel").await;
            see(&c, "Nothing was imported.").await;
            assert!(
                api_check_ins(&journal).is_empty(),
                "nothing is written by a preview"
            );
        }
    }

    // The person's own word placed on the scale: the preview is worded again at once, the
    // keyboard still on the choice.
    choose(&c, "steady (2 entries)", "6").await;
    see(&c, "Mood 6/10").await;
    choose(&c, "wobbly (2 entries)", "4").await;
    // 7 March's "bright" stays unplaced: that day has nothing to bring in.
    press(&c, "Import 5 days").await;
    let done = see(&c, "Imported 5 days from Daylio.").await;
    assert!(done.contains("History shows each imported day"), "{done}");
    assert_in_view(&c, ".import-status", "480: right after the import").await;
    shot(&c, &out, "import-done-480").await;
    see(&c, "Undo this import…").await;

    t("window size", c.set_window_size(1100, 800)).await;
    press(&c, "History").await;
    see(&c, "Imported from Daylio on").await;
    shot(&c, &out, "import-history").await;

    press(&c, "Export and import").await;
    press(&c, "Undo this import…").await;
    press(&c, "Yes, undo this import").await;
    see(&c, "Undid the import from Daylio").await;
    see(&c, "5 days removed").await;
    assert_in_view(&c, ".import-status", "right after the undo").await;
    shot(&c, &out, "import-undone").await;
    audit.assert_clean();
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;
    assert!(
        api_check_ins(&journal).is_empty(),
        "the undo removed every imported day"
    );
}

/// The journal's check-ins as the app reads them (the window is closed first).
fn api_check_ins(journal: &std::path::Path) -> Vec<taper_journal::journal::CheckIn> {
    let j = taper_journal::store::Journal::open(journal).expect("the journal opens");
    j.check_ins().expect("check-ins")
}
