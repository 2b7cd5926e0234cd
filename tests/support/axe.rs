//! The accessibility audit the end-to-end tests run on every screen: axe-core, injected
//! through WebDriver into the real window once the screen shows its data. Checking another
//! screen is one line, `audit.screen(&c, "Settings").await`, once the screen is shown.
//!
//! Each screen is checked as shown (light, under Xvfb) and once more with the page's own
//! `prefers-color-scheme: dark` rules switched on, so both palettes are held to WCAG AA.
//! Serious and critical violations fail the test (after it has run to its end, so one run
//! lists them all); moderate and minor ones are listed in e2e-artifacts/axe-summary.txt.
//!
//! axe.min.js comes from the npm registry, pinned and verified by `./dev.sh` (`fetch_axe`),
//! which sets TAPER_AXE_JS; without it the file is looked for where dev.sh puts it.

use fantoccini::Client;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// Where `./dev.sh` keeps the verified axe.min.js (under target/, ignored by git).
const DEFAULT_AXE_JS: &str = "target/axe-core/axe.min.js";
const AXE_TIMEOUT: Duration = Duration::from_secs(60);

/// The version injected, from axe.min.js's first line ("/*! axe v4.14.1").
static VERSION: OnceLock<String> = OnceLock::new();

/// Every screen's line of the summary, from both tests (they run at once, in one process).
static SUMMARY: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// Runs axe-core on the whole document and hands back its violations, and the rules it
/// could not decide ("needs review"), as JSON text. Every rule axe runs by default (WCAG 2.0,
/// 2.1 and 2.2 A/AA and best practices), plus target-size (WCAG 2.2 AA 2.5.8), which axe
/// leaves off by default.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
const brief = (v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map((n) => ({ target: n.target.map(String), why: n.failureSummary || '' })),
});
axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } }).then(
  (r) => done(JSON.stringify({ violations: r.violations.map(brief), review: r.incomplete.map(brief) })),
  (e) => done(JSON.stringify({ error: String(e && e.stack || e) })));
"#;

/// Switches the page's own `prefers-color-scheme: dark` rules on (or back to as written).
/// The rules stay in the stylesheet; only their condition changes, so nothing is copied.
const DARK_RULES: &str = r#"
const on = arguments[0];
let n = 0;
for (const sheet of document.styleSheets) {
  for (const rule of sheet.cssRules) {
    if (!(rule instanceof CSSMediaRule)) continue;
    const text = rule.media.mediaText;
    if (on && /prefers-color-scheme:\s*dark/.test(text)) {
      rule.media.mediaText = 'all';
      rule.taperDark = text;
      n++;
    } else if (!on && rule.taperDark) {
      rule.media.mediaText = rule.taperDark;
      delete rule.taperDark;
    }
  }
}
return n;
"#;

/// One test's audit: its violations so far, and the script it injects.
pub struct Audit {
    test: String,
    axe: String,
    failures: Vec<String>,
}

impl Audit {
    /// Reads axe.min.js; a missing file fails the test with what to do about it.
    pub fn new(test: &str) -> Audit {
        let path = std::env::var_os("TAPER_AXE_JS")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_AXE_JS));
        let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core is needed for the accessibility audit of every screen, but {} \
                 could not be read ({e}). `./dev.sh test` or `./dev.sh e2e` downloads the \
                 pinned version and sets TAPER_AXE_JS; or point TAPER_AXE_JS at an axe.min.js.",
                path.display()
            )
        });
        let version = axe.lines().next().and_then(|l| l.split(" v").nth(1));
        VERSION.get_or_init(|| version.unwrap_or("(unknown)").trim().to_string());
        Audit {
            test: test.to_string(),
            axe,
            failures: Vec::new(),
        }
    }

    /// Audits the screen as it is now, in the light and in the dark palette.
    pub async fn screen(&mut self, c: &Client, screen: &str) {
        self.inject(c).await;
        let light = self.run(c).await;
        let switched = call("dark rules on", c.execute(DARK_RULES, vec![true.into()])).await;
        let dark = if switched.as_u64().unwrap_or(0) > 0 {
            let dark = self.run(c).await;
            // For a person to look at: axe reads CSS, not what the window paints.
            shot(c, &format!("dark-{}-{}", self.test, slug(screen))).await;
            call("dark rules off", c.execute(DARK_RULES, vec![false.into()])).await;
            Some(dark)
        } else {
            None
        };

        let mut line = format!("{screen}: {}", counts(&light));
        if let Some(dark) = &dark {
            line.push_str(&format!(" | dark: {}", counts(dark)));
        }
        // Below the line, what was found and where: the lesser findings and those to review;
        // the serious ones go to the failure.
        let mut details: Vec<String> = Vec::new();
        for (palette, found) in [("light", Some(&light)), ("dark", dark.as_ref())] {
            let Some(found) = found else { continue };
            for v in &found.violations {
                if v.fails() {
                    self.failures
                        .push(format!("{screen} ({palette}): {}", v.describe()));
                } else {
                    details.push(format!("  {palette}: {}", v.describe()));
                }
            }
            for v in &found.review {
                details.push(format!("  {palette}, needs review: {}", v.describe()));
            }
        }
        for d in details {
            line.push('\n');
            line.push_str(&d);
        }
        record(&self.test, line);
    }

    /// Fails the test with every serious or critical violation found on its screens.
    pub fn assert_clean(&self) {
        assert!(
            self.failures.is_empty(),
            "axe-core found serious or critical accessibility violations \
             (summary in e2e-artifacts/axe-summary.txt):\n\n{}",
            self.failures.join("\n\n")
        );
    }

    /// Injects axe once per page load (the screens are one page; a reload needs it again).
    async fn inject(&self, c: &Client) {
        let loaded = call(
            "is axe there",
            c.execute("return typeof axe === 'object' && !!axe.run", vec![]),
        )
        .await;
        if loaded == Value::Bool(true) {
            return;
        }
        let script = format!(
            "{}\n;return typeof axe === 'object' && !!axe.run;",
            self.axe
        );
        let injected = call("inject axe-core", c.execute(&script, vec![])).await;
        assert_eq!(
            injected,
            Value::Bool(true),
            "axe-core did not load in the window"
        );
    }

    async fn run(&self, c: &Client) -> Found {
        let out = call("axe.run", c.execute_async(RUN_AXE, vec![])).await;
        let text = out.as_str().unwrap_or_default();
        let parsed: Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("axe.run answered {out} ({e})"));
        if let Some(err) = parsed.get("error") {
            panic!("axe.run failed in the window: {err}");
        }
        let list = |key: &str| {
            parsed[key]
                .as_array()
                .map(|a| a.iter().map(Violation::from_json).collect())
                .unwrap_or_default()
        };
        Found {
            violations: list("violations"),
            review: list("review"),
        }
    }
}

/// Every WebDriver call gets a deadline, so a stuck window fails the test instead of hanging.
async fn call<T, E: std::fmt::Debug>(
    what: &str,
    fut: impl std::future::Future<Output = Result<T, E>>,
) -> T {
    match tokio::time::timeout(AXE_TIMEOUT, fut).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => panic!("{what}: {e:?}"),
        Err(_) => panic!("{what}: timed out after {AXE_TIMEOUT:?}"),
    }
}

/// What axe reported for one screen in one palette.
struct Found {
    violations: Vec<Violation>,
    /// Rules axe could not decide by itself (for instance text over an image); listed only.
    review: Vec<Violation>,
}

struct Violation {
    id: String,
    impact: String,
    help: String,
    nodes: Vec<(String, String)>,
}

impl Violation {
    fn from_json(v: &Value) -> Violation {
        let s = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
        Violation {
            id: s(v, "id"),
            impact: s(v, "impact"),
            help: s(v, "help"),
            nodes: v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| {
                    let target = n["target"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" >>> ");
                    (target, s(n, "why"))
                })
                .collect(),
        }
    }

    fn fails(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }

    fn describe(&self) -> String {
        let mut text = format!("{} ({}): {}", self.id, self.impact, self.help);
        for (target, why) in self.nodes.iter().take(12) {
            let why = why
                .lines()
                .skip(1)
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
            text.push_str(&format!("\n    {target}  — {why}"));
        }
        if self.nodes.len() > 12 {
            text.push_str(&format!("\n    … and {} more", self.nodes.len() - 12));
        }
        text
    }
}

/// "0 critical, 1 serious (color-contrast ×3), 1 moderate/minor (region ×1)": rules broken,
/// with the number of elements each; then what axe left for a person to review.
fn counts(found: &Found) -> String {
    let part = |label: &str, pick: &dyn Fn(&Violation) -> bool| {
        let rules: Vec<String> = found
            .violations
            .iter()
            .filter(|v| pick(v))
            .map(|v| format!("{} ×{}", v.id, v.nodes.len()))
            .collect();
        if rules.is_empty() {
            format!("0 {label}")
        } else {
            format!("{} {label} ({})", rules.len(), rules.join(", "))
        }
    };
    let mut text = [
        part("critical", &|v| v.impact == "critical"),
        part("serious", &|v| v.impact == "serious"),
        part("moderate/minor", &|v| !v.fails()),
    ]
    .join(", ");
    if !found.review.is_empty() {
        let rules: Vec<String> = found
            .review
            .iter()
            .map(|v| format!("{} ×{}", v.id, v.nodes.len()))
            .collect();
        text.push_str(&format!("; needs review: {}", rules.join(", ")));
    }
    text
}

/// "Today (a refused value)" -> "today-a-refused-value".
fn slug(screen: &str) -> String {
    let words: Vec<String> = screen
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

async fn shot(c: &Client, name: &str) {
    let png = call("screenshot", c.screenshot()).await;
    let dir = artifacts();
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

/// Adds a screen's line and rewrites e2e-artifacts/axe-summary.txt with every line so far.
fn record(test: &str, line: String) {
    println!("axe [{test}] {line}");
    let mut all = SUMMARY.lock().unwrap_or_else(|e| e.into_inner());
    all.push((test.to_string(), line));
    let mut tests: Vec<&str> = all.iter().map(|(t, _)| t.as_str()).collect();
    tests.sort_unstable();
    tests.dedup();
    let mut text = format!(
        "axe-core {} on every screen: rules broken (×elements), light | dark palette\n",
        VERSION.get().map_or("", String::as_str)
    );
    for t in tests {
        text.push_str(&format!("\n[{t}]\n"));
        for (_, l) in all.iter().filter(|(x, _)| x == t) {
            text.push_str(&format!("{l}\n"));
        }
    }
    std::fs::write(artifacts().join("axe-summary.txt"), text).expect("write axe-summary.txt");
}
