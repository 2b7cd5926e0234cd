//! The Linux package as a person gets it: installed with apt, started from the PATH in the
//! real window, upgraded over itself, removed — and the journal in the person's data folder
//! through all of it. Also: the third-party licences shown in About and installed with the
//! package name every crate the app is built from.
//!
//! The install test runs when TAPER_PACKAGE_DEB and TAPER_PACKAGE_DEB_NEXT name two .deb
//! files of successive versions (`./dev.sh test` builds both and sets them); it needs root
//! or sudo, and leaves the machine as it found it: it refuses to start if the package is
//! already installed, and removes it again however the test ends.
//!
//! Over 500 lines, kept whole: one install, upgrade and removal of the real package, in
//! order, and the package's contents checked beside it; the steps depend on each other.

mod support {
    pub mod driver;
}
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::driver::*;

const PACKAGE: &str = "taper-journal";
const APP_ID: &str = "org.taperjournal.desktop";
const PACKAGE_TEST_PORT: u16 = 4454;
const PACKAGE_NEXT_TEST_PORT: u16 = 4456;
const PACKAGE_RESTART_TEST_PORT: u16 = 4468;

/// Runs a command to its end and returns its standard output; a failure fails the test
/// with what the command said.
fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} {args:?}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// apt and dpkg as root: directly when the test is root (CI), else through sudo.
fn as_root(args: &[&str]) -> String {
    let root = run("id", &["-u"]).trim() == "0";
    if root {
        run(args[0], &args[1..])
    } else {
        run("sudo", args)
    }
}

fn installed_version() -> Option<String> {
    let out = Command::new("dpkg-query")
        .args(["-W", "-f=${Status} ${Version}", PACKAGE])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.strip_prefix("install ok installed ")
        .map(str::to_string)
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"install ok installed"))
}

fn deb_field(deb: &Path, field: &str) -> String {
    run("dpkg-deb", &["-f", &deb.to_string_lossy(), field])
        .trim()
        .to_string()
}

fn apt_install(deb: &Path) {
    as_root(&[
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "install",
        "-y",
        "-qq",
        &deb.to_string_lossy(),
    ]);
}

/// Whether dpkg knows the package in any state (installed, half-installed, unpacked,
/// config files left): anything but "not installed".
fn known_to_dpkg() -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${db:Status-Abbrev}", PACKAGE])
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.starts_with(b"un"))
}

/// Left while the test has the package installed, so that a run killed half-way (when
/// Drop never runs) is told apart from a person's own installation by the next run.
const INSTALLED_BY_TEST: &str = "/var/tmp/taper-journal-package-test.installed";

fn purge() {
    let _ = Command::new(if run("id", &["-u"]).trim() == "0" {
        "env"
    } else {
        "sudo"
    })
    .args([
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "purge",
        "-y",
        "-qq",
        PACKAGE,
    ])
    .status();
}

/// Purges the package when the test ends, passed or failed, in whatever state apt left it:
/// the machine as it was found.
struct Uninstall;

impl Drop for Uninstall {
    fn drop(&mut self) {
        if known_to_dpkg() {
            purge();
        }
        if !known_to_dpkg() {
            let _ = std::fs::remove_file(INSTALLED_BY_TEST);
        }
    }
}

/// The shared libraries a binary asks for by name (its NEEDED entries).
fn needed(binary: &Path) -> Vec<String> {
    run("readelf", &["-d", &binary.to_string_lossy()])
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| Some(l.split('[').nth(1)?.trim_end_matches(']').to_string()))
        .collect()
}

/// The installed package that holds a library.
/// The tray icon's library (AppIndicator), which the tray crate loads at run time.
const TRAY_LIBRARY: &str = "libayatana-appindicator3.so.1";

fn owner_of(soname: &str) -> String {
    let found = run("dpkg", &["-S", &format!("*/{soname}")]);
    let first = found.lines().next().unwrap_or_default();
    first
        .split(':')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Every package that `packages` bring with them, themselves included.
fn with_dependencies(packages: &[String]) -> BTreeSet<String> {
    let mut args = vec![
        "depends",
        "--recurse",
        "--installed",
        "--no-recommends",
        "--no-suggests",
        "--no-conflicts",
        "--no-breaks",
        "--no-replaces",
        "--no-enhances",
    ];
    args.extend(packages.iter().map(String::as_str));
    run("apt-cache", &args)
        .lines()
        .filter_map(|l| {
            let l = l.trim().trim_start_matches('|');
            let name = l
                .strip_prefix("Depends:")
                .or(l.strip_prefix("PreDepends:"))
                .unwrap_or(l);
            let name = name.trim().trim_matches(|c| c == '<' || c == '>');
            (!name.is_empty() && !name.contains(' '))
                .then(|| name.split(':').next().unwrap_or(name).to_string())
        })
        .collect()
}

/// The .deb's Depends, each alternative on its own ("libssl3 | libssl3t64" gives both).
fn declared_depends(deb: &Path) -> Vec<String> {
    deb_field(deb, "Depends")
        .split([',', '|'])
        .map(|d| d.split_whitespace().next().unwrap_or_default().to_string())
        .filter(|d| !d.is_empty())
        .collect()
}

/// The program named `name` on the PATH, as a menu or a terminal would find it.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Where a person's journal lives with XDG_DATA_HOME at `data`.
fn journal_in(data: &Path) -> PathBuf {
    data.join(APP_ID).join("taper-journal.db")
}

/// The person's environment for the installed app: a home of its own, no test journal path.
fn person_env(home: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("HOME", home.to_path_buf()),
        ("XDG_DATA_HOME", home.join(".local/share")),
        ("XDG_CONFIG_HOME", home.join(".config")),
        ("XDG_CACHE_HOME", home.join(".cache")),
    ]
}

async fn start_installed(home: &Path, port: u16, log: &str) -> (TauriDriver, fantoccini::Client) {
    let env = person_env(home);
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = TauriDriver::start_with(&artifacts().join(log), port, &env);
    let app = on_path(PACKAGE).expect("the installed app is on the PATH");
    let c = open_app_at(port, &app).await;
    (driver, c)
}

/// The title About shows ("Taper Journal 0.1.0").
async fn about_title(c: &fantoccini::Client) -> String {
    press(c, "About").await;
    see(c, "Where this journal lives").await;
    let title = t(
        "About's title",
        c.find(fantoccini::Locator::XPath(
            "//section[@class='about']//h2[1]",
        )),
    )
    .await;
    t("its text", title.text()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installed_package_runs_upgrades_and_uninstalls_keeping_the_journal() {
    let (Some(deb), Some(next)) = (
        std::env::var_os("TAPER_PACKAGE_DEB").map(PathBuf::from),
        std::env::var_os("TAPER_PACKAGE_DEB_NEXT").map(PathBuf::from),
    ) else {
        eprintln!("skipped: set TAPER_PACKAGE_DEB and TAPER_PACKAGE_DEB_NEXT (./dev.sh test does)");
        return;
    };
    if known_to_dpkg() {
        if Path::new(INSTALLED_BY_TEST).exists() {
            eprintln!("an earlier run of this test left {PACKAGE} installed; removing it");
            purge();
        }
        assert!(
            !known_to_dpkg(),
            "{PACKAGE} is installed on this machine; the test would replace it. Remove it first (apt remove {PACKAGE})."
        );
    }
    let version = deb_field(&deb, "Version");
    let next_version = deb_field(&next, "Version");
    assert_ne!(
        version, next_version,
        "two versions are needed for the upgrade"
    );
    let home = tempfile::tempdir().expect("home");
    let journal = journal_in(&home.path().join(".local/share"));
    let out = artifacts();

    // --- Install: in the menu (a valid desktop entry with its icon) and on the PATH.
    let _uninstall = Uninstall;
    std::fs::write(INSTALLED_BY_TEST, deb.to_string_lossy().as_bytes()).expect("marker");
    apt_install(&deb);
    assert_eq!(installed_version().as_deref(), Some(version.as_str()));
    assert_eq!(
        on_path(PACKAGE),
        Some(PathBuf::from("/usr/bin/taper-journal"))
    );
    let entry = format!("/usr/share/applications/{APP_ID}.desktop");
    run("desktop-file-validate", &[&entry]);
    let entry_text = std::fs::read_to_string(&entry).expect("desktop entry");
    for line in [
        "Name=Taper Journal",
        "Exec=taper-journal",
        "Icon=taper-journal",
        "Categories=Science;MedicalSoftware;",
    ] {
        assert!(
            entry_text.lines().any(|l| l == line),
            "{line:?} in {entry_text}"
        );
    }
    for key in ["Comment=", "Keywords="] {
        assert!(
            entry_text
                .lines()
                .any(|l| l.strip_prefix(key).is_some_and(|v| v.len() > 10)),
            "{key} in {entry_text}"
        );
    }
    // The package's own words: a maintainer with an address and a long description.
    let maintainer = deb_field(&deb, "Maintainer");
    assert!(
        maintainer.contains('<') && maintainer.contains('@'),
        "Maintainer: {maintainer}"
    );
    let description = deb_field(&deb, "Description");
    assert!(
        description.lines().count() > 1 && !description.contains("(none)"),
        "Description: {description}"
    );
    for size in [16, 32, 48, 64, 128, 256, 512] {
        let icon = format!("/usr/share/icons/hicolor/{size}x{size}/apps/taper-journal.png");
        assert!(Path::new(&icon).is_file(), "{icon}");
    }
    let copyright =
        std::fs::read_to_string("/usr/share/doc/taper-journal/copyright").expect("copyright");
    for part in [
        "MIT License",
        "DejaVu",
        "Third-party software in Taper Journal",
        "  - krilla ",
    ] {
        assert!(copyright.contains(part), "the copyright file has {part:?}");
    }

    // --- What the binary links is declared: libcrypto's package by name, and every other
    // library through the declared packages or what they bring.
    let app = Path::new("/usr/bin/taper-journal");
    let declared = declared_depends(&deb);
    let covered = with_dependencies(
        &declared
            .iter()
            .filter(|d| installed(d))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let libs = needed(app);
    assert!(
        libs.iter().any(|l| l == "libcrypto.so.3"),
        "SQLCipher links libcrypto: {libs:?}"
    );
    assert!(
        declared.iter().any(|d| d == &owner_of("libcrypto.so.3")),
        "libcrypto's package is declared: {declared:?}"
    );
    // The tray's library is loaded when the icon is made, not linked: declared by name.
    assert!(
        declared.contains(&owner_of(TRAY_LIBRARY)),
        "the tray library's package is declared: {declared:?}"
    );
    for lib in &libs {
        let owner = owner_of(lib);
        assert!(
            covered.contains(&owner),
            "{lib} ({owner}) is not covered by Depends {declared:?}"
        );
    }

    // --- First start from the PATH: setup and a check-in, in the person's data folder.
    let (driver, c) = start_installed(home.path(), PACKAGE_TEST_PORT, "package-driver.log").await;
    set_up_today(&c, "diazepam", "10").await;
    fill(&c, "Anxiety (0–10)", "3").await;
    press(&c, "Save check-in").await;
    see(&c, "Saved your check-in").await;
    assert_eq!(about_title(&c).await, format!("Taper Journal {version}"));
    see(&c, &journal.display().to_string()).await;
    shot(&c, &out, "package-1-about").await;
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;
    drop(driver);
    assert!(
        journal.is_file(),
        "the journal is in the data folder: {}",
        journal.display()
    );

    // --- Started again, the same version: the check-in is still there.
    let (driver, c) = start_installed(
        home.path(),
        PACKAGE_RESTART_TEST_PORT,
        "package-restart-driver.log",
    )
    .await;
    see(&c, "Today — ").await;
    assert_eq!(
        value_of(&c, "Anxiety (0–10)").await,
        "3",
        "the check-in is there after a restart"
    );
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;
    drop(driver);

    // --- Upgrade over it: the journal is intact and the new version runs.
    apt_install(&next);
    assert_eq!(installed_version().as_deref(), Some(next_version.as_str()));
    let (driver, c) = start_installed(
        home.path(),
        PACKAGE_NEXT_TEST_PORT,
        "package-next-driver.log",
    )
    .await;
    see(&c, "Today — ").await;
    assert_eq!(
        value_of(&c, "Anxiety (0–10)").await,
        "3",
        "the check-in came through the upgrade"
    );
    press(&c, "History").await;
    see(&c, "Anxiety 3/10").await;
    assert_eq!(
        about_title(&c).await,
        format!("Taper Journal {next_version}")
    );
    shot(&c, &out, "package-2-upgraded").await;
    t("close session", c.close()).await;
    wait_until_closed(&journal).await;
    drop(driver);

    // --- Remove: the app goes, the journal stays with the person.
    let before = std::fs::read(&journal).expect("journal");
    as_root(&[
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "remove",
        "-y",
        "-qq",
        PACKAGE,
    ]);
    assert_eq!(installed_version(), None);
    assert!(!Path::new("/usr/bin/taper-journal").exists());
    assert!(!Path::new(&entry).exists());
    assert_eq!(
        std::fs::read(&journal).ok(),
        Some(before),
        "the journal is untouched"
    );
}

/// Every crate the app is built from (for the platforms it is packaged for) is named in
/// packaging/licences.txt with its version, and nothing else is: the file is current with
/// Cargo.lock. `./dev.sh licences` regenerates it.
#[test]
fn the_third_party_licences_name_every_crate_the_app_is_built_from() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let crates = |targets: &[&str]| -> BTreeSet<String> {
        let mut args = vec![
            "tree",
            "--locked",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ];
        for target in targets {
            args.extend(["--target", target]);
        }
        run(&cargo, &args)
            .lines()
            .filter_map(|l| {
                let mut words = l.split_whitespace();
                let (name, version) = (words.next()?, words.next()?.strip_prefix('v')?);
                (name != PACKAGE).then(|| format!("{name} {version}"))
            })
            .collect()
    };
    // What the packaged platforms build (packaging/about.toml's targets); cargo-about also
    // lists a few crates that only some other path to them needs, so "no longer used"
    // means: in no build for any platform at all.
    let built = crates(&[
        "x86_64-unknown-linux-gnu",
        "x86_64-pc-windows-msvc",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
    ]);
    let anywhere = crates(&["all"]);
    let licences = include_str!("../packaging/licences.txt");
    let listed: BTreeSet<String> = licences
        .lines()
        .filter_map(|l| l.strip_prefix("  - "))
        .filter(|c| !c.starts_with("taper-journal "))
        .map(str::to_string)
        .collect();
    let missing: Vec<_> = built.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&anywhere).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "packaging/licences.txt is not current with Cargo.lock (run ./dev.sh licences):\n  not listed: {missing:?}\n  no longer used: {stale:?}"
    );
    assert!(
        built.len() > 100,
        "the tree was read: {} crates",
        built.len()
    );
}

/// The .rpm (not installed here: this is Debian) holds the same files under the same
/// names, and declares the libraries the binary links that are not the C library's own.
#[test]
fn the_rpm_names_its_desktop_entry_by_app_id_and_declares_what_the_binary_links() {
    let Some(rpm) = std::env::var_os("TAPER_PACKAGE_RPM").map(PathBuf::from) else {
        eprintln!("skipped: set TAPER_PACKAGE_RPM (./dev.sh test does)");
        return;
    };
    let rpm = rpm.to_string_lossy();
    let files = run("rpm", &["-qpl", &rpm]);
    let files: Vec<&str> = files.lines().collect();
    for f in [
        "/usr/bin/taper-journal",
        "/usr/share/applications/org.taperjournal.desktop.desktop",
        "/usr/share/icons/hicolor/256x256/apps/taper-journal.png",
        "/usr/share/licenses/taper-journal/COPYRIGHT",
    ] {
        assert!(files.contains(&f), "{f} in {files:?}");
    }
    assert!(
        !files.iter().any(|f| f.ends_with("/taper-journal.desktop")),
        "{files:?}"
    );
    let requires = run("rpm", &["-qpR", &rpm]);
    let binary = tempfile::tempdir().expect("tempdir");
    let payload = binary.path().join("payload.cpio");
    // rpm2cpio exits 1 after writing the whole payload (packaging/finish.sh says why).
    let cpio = Command::new("rpm2cpio")
        .arg(&*rpm)
        .output()
        .expect("rpm2cpio");
    std::fs::write(&payload, cpio.stdout).expect("payload");
    let unpacked = Command::new("sh")
        .arg("-c")
        .arg("cpio -idm --quiet ./usr/bin/taper-journal < payload.cpio")
        .current_dir(binary.path())
        .status()
        .expect("cpio");
    assert!(unpacked.success());
    let the_c_library = [
        "libc.so.6",
        "libm.so.6",
        "libgcc_s.so.1",
        "ld-linux-x86-64.so.2",
    ];
    let declared: Vec<&str> = requires.lines().collect();
    for must in [
        "libcrypto.so.3()(64bit)",
        "libwebkit2gtk-4.1.so.0()(64bit)",
        "libgtk-3.so.0()(64bit)",
        &format!("{TRAY_LIBRARY}()(64bit)"),
    ] {
        assert!(declared.contains(&must), "{must} in {declared:?}");
    }
    let libs = needed(&binary.path().join("usr/bin/taper-journal"));
    assert!(libs.iter().any(|l| l == "libcrypto.so.3"), "{libs:?}");
    for lib in libs.iter().filter(|l| !the_c_library.contains(&l.as_str())) {
        // The rest come with WebKitGTK and GTK (glib, gio, cairo, soup, dbus...).
        let direct = declared.contains(&format!("{lib}()(64bit)").as_str());
        let with_webkit = [
            "libgdk",
            "libcairo",
            "libgobject",
            "libglib",
            "libgio",
            "libdbus",
            "libsoup",
            "libjavascriptcoregtk",
        ]
        .iter()
        .any(|p| lib.starts_with(p));
        assert!(
            direct || with_webkit,
            "{lib} is neither declared nor one WebKitGTK and GTK bring"
        );
    }
}
