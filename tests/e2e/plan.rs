//! The Plan screen: a proposal made, kept, agreed and found on the visit summary.

use super::*;
use fantoccini::Locator;
use std::time::Duration;

const PLAN_TEST_PORT: u16 = 4462;

/// The Plan screen: a proposal from the latest step (clonazepam 2 mg, 0.5 mg scored
/// tablets, 10 % every 14 days; its figures are worked by hand in taper/plan.rs), a pace
/// of 60 % refused beside its field, the table seen at the default and the smallest
/// window; then kept, two of its steps agreed at a visit made planned steps, and the
/// proposal found on the visit summary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_proposal_is_made_kept_agreed_and_found_on_the_visit_summary() {
    if std::env::var_os("TAPER_E2E").is_none() {
        eprintln!("skipped: the end-to-end test runs with TAPER_E2E=1 (./dev.sh test sets it)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let journal = tmp.path().join("e2e-plan.db");
    let out = artifacts();
    let _driver = TauriDriver::start(
        &journal,
        &out.join("tauri-driver-plan.log"),
        PLAN_TEST_PORT,
        &[],
    );
    let c = open_app(PLAN_TEST_PORT).await;
    let mut audit = Audit::new("plan");
    set_up_today(&c, "clonazepam", "2").await;
    press(&c, "Plan").await;
    see(&c, "Taper plan proposal").await;
    see(
        &c,
        "A proposal to discuss with your prescriber, not a plan to follow",
    )
    .await;
    assert_eq!(
        value_of(&c, "Dose (mg)").await,
        "2",
        "the latest step's dose"
    );
    fill(&c, "Tablet strength (mg)", "0.5").await;
    fill(&c, "Reduction (% of the current dose)", "60").await;
    press(&c, "Show the proposal").await;
    let error = see(&c, "Pace: a whole % from 1 to 25").await;
    see(&c, "No proposal. Please look at the highlighted field.").await;
    assert!(
        error.contains("not more than 25 % within 2 weeks"),
        "{error}"
    );
    assert_eq!(
        focused(&c).await,
        "Reduction (% of the current dose)",
        "the field at fault has the focus"
    );
    assert!(
        t("tables", c.find_all(Locator::Css(".plan-table")))
            .await
            .is_empty(),
        "no proposal from a refused pace"
    );
    shot(&c, &out, "plan-1-refused").await;

    fill(&c, "Reduction (% of the current dose)", "10").await;
    press(&c, "Show the proposal").await;
    see(&c, "A proposal to discuss").await;
    let rows = t("rows", c.find_all(Locator::Css(".plan-table tbody tr"))).await;
    let mut dailies = Vec::new();
    for r in &rows {
        let cells = t("cells", r.find_all(Locator::Css("td"))).await;
        dailies.push(t("daily", cells[1].text()).await);
    }
    assert_eq!(dailies, ["1.75 mg", "1.5 mg", "1.25 mg", "1 mg", "0.75 mg"]);
    see(&c, "Each day: 3½ × 0.5 mg").await;
    see(&c, "Larger than chosen because of the tablet sizes").await;
    let ending = see(&c, "The proposal stops at 0.75 mg a day").await;
    assert!(
        ending.contains("would be 33.3 % less in one step"),
        "{ending}"
    );
    see(&c, "A liquid form, measured with an oral syringe.").await;
    shot(&c, &out, "plan-2-proposal").await;
    audit.screen(&c, "Plan (a proposal)").await;
    t("small window", c.set_window_size(480, 480)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let first = t("first row", c.find(Locator::Css(".plan-table tbody tr"))).await;
    centre(&c, &first).await;
    shot(&c, &out, "plan-3-proposal-480").await;
    t("default window", c.set_window_size(1100, 800)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Kept: said beside the button, in view at the moment of the click.
    press(&c, "Keep this proposal").await;
    see(
        &c,
        "Proposal kept. It is shown on the dose chart (Trends) and on the visit summary.",
    )
    .await;
    assert_in_view(&c, ".plan-keep .form-status", "after Keep this proposal").await;
    shot(&c, &out, "plan-4-kept").await;
    let title = see(&c, "10 % every 14 days").await;
    assert!(title.contains("clonazepam"), "{title}");

    // The first two steps agreed at a visit become planned steps.
    let summary = t(
        "details",
        c.find(Locator::Css(".plan-kept-item details summary")),
    )
    .await;
    centre(&c, &summary).await;
    t("open the steps", summary.click()).await;
    let ticks = t(
        "steps",
        c.find_all(Locator::Css(".plan-agree input[name=dates]")),
    )
    .await;
    assert_eq!(ticks.len(), 5, "every step is ahead");
    for tick in &ticks[..2] {
        centre(&c, tick).await;
        t("tick", tick.click()).await;
    }
    fill(&c, "Agreed at (optional)", "Visit with Dr Lee").await;
    press(&c, "Add as planned steps").await;
    let added = see(&c, "Added 2 planned steps, from").await;
    assert_in_view(&c, ".plan-agree .form-status", "after Add as planned steps").await;
    shot(&c, &out, "plan-5-agreed").await;
    audit.screen(&c, "Plan (kept, steps agreed)").await;
    press(&c, "Dose steps").await;
    see(&c, "From the proposal made on").await;
    see(&c, "Agreed at: Visit with Dr Lee").await;
    assert!(added.contains("Dose steps"), "{added}");

    // On Trends, the dose chart draws the proposal dotted ahead of today, the two agreed
    // steps dashed over it, and its text alternative names both.
    press(&c, "Trends").await;
    let caption = see(&c, "a proposal to discuss for clonazepam").await;
    assert!(caption.contains("planned at 1.75 mg from"), "{caption}");
    let dotted = t(
        "the proposal's line",
        c.find(Locator::Css("figure.chart svg path.dose-proposal")),
    )
    .await;
    centre(&c, &dotted).await;
    shot(&c, &out, "plan-6-trends").await;

    // On the visit summary, as a proposal to discuss with the pace it assumed.
    press(&c, "Visit summary").await;
    see(&c, "This is how it will print").await;
    see(&c, "A proposal to discuss").await;
    see(&c, "Pace: 10 % of the current dose every 14 days").await;
    let section = t("section", c.find(Locator::Css(".summary-proposal"))).await;
    centre(&c, &section).await;
    shot(&c, &out, "plan-7-summary").await;
    audit.screen(&c, "Visit summary (with a proposal)").await;
    audit.assert_clean();
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;
}
