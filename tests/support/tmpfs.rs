//! A small tmpfs, filled to the last byte on demand: the full disk and the read-only
//! folder of tests/faults.rs and the e2e test, caused for real. Mounting needs root (CI
//! runs as root); elsewhere `mount` says so and returns None, unless TAPER_FAULTS=1 asks
//! for the faults, when it fails instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs of `kib` KiB mounted on a fresh folder; unmounted when dropped.
pub struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    pub fn mount(kib: u32) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kib}k,mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(Tmpfs { dir });
        }
        let asked = std::env::var_os("TAPER_FAULTS").is_some();
        assert!(
            !asked,
            "TAPER_FAULTS=1, but a tmpfs could not be mounted (root is needed)"
        );
        eprintln!("skipped: mounting a tmpfs needs root (CI runs as root)");
        None
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    #[allow(dead_code)] // tests/faults.rs only
    pub fn remount(&self, how: &str) {
        let s = Command::new("mount")
            .args(["-o", &format!("remount,{how}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(s.success(), "remount {how}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

/// Fills the disk holding `dir` to the last byte; removing the file frees it again.
pub fn fill(dir: &Path) -> PathBuf {
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0x55u8; 4096];
    while f.write_all(&block).is_ok() {}
    // The last partial block, byte by byte.
    while f.write_all(&[0x55]).is_ok() {}
    let _ = f.sync_all();
    filler
}
