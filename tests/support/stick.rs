//! A small ext4 file system on a loop device, mounted as ext4 is on a real USB stick
//! (errors=remount-ro): `turn_read_only` raises a file-system error, and the kernel turns it
//! read-only under the open journal, as it does when a stick or disk starts failing. (A
//! tmpfs or a bind mount cannot be remounted read-only while a file is open for writing.)
//! Needs root and loop devices; elsewhere it says so and gives None, unless TAPER_FAULTS=1
//! asks for the faults, when it fails instead.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Stick {
    dir: tempfile::TempDir,
    device: String,
    mounted: bool,
}

fn run(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Skips (None) where the fault cannot be caused, unless TAPER_FAULTS=1 asks for it.
fn not_here<T>(why: &str) -> Option<T> {
    let asked = std::env::var_os("TAPER_FAULTS").is_some();
    assert!(!asked, "TAPER_FAULTS=1, but {why}");
    eprintln!("skipped: {why} (CI runs as root)");
    None
}

impl Stick {
    pub fn mount(mib: u32) -> Option<Stick> {
        let dir = tempfile::tempdir().unwrap();
        let image = dir.path().join("stick.img");
        std::fs::create_dir(dir.path().join("stick")).unwrap();
        let image = image.to_string_lossy();
        let made = run("truncate", &["-s", &format!("{mib}M"), &image])
            .and_then(|_| run("mkfs.ext4", &["-q", "-F", &image]))
            .and_then(|_| run("losetup", &["-f", "--show", &image]));
        let Some(device) = made else {
            return not_here("no loop device could be set up (root is needed)");
        };
        let mut stick = Stick {
            dir,
            device,
            mounted: false,
        };
        if !stick.plug_in() {
            return not_here("the stick could not be mounted");
        }
        Some(stick)
    }

    /// The stick's root folder.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("stick")
    }

    fn plug_in(&mut self) -> bool {
        let mnt = self.path();
        let mnt = mnt.to_string_lossy();
        self.mounted = run("mount", &["-o", "errors=remount-ro", &self.device, &mnt]).is_some();
        self.mounted
    }

    /// The kernel turns the file system read-only, open files and all. False (a skip)
    /// where the kernel offers no way to raise the error, unless TAPER_FAULTS=1.
    pub fn turn_read_only(&self) -> bool {
        let name = Path::new(&self.device).file_name().unwrap();
        let trigger = Path::new("/sys/fs/ext4")
            .join(name)
            .join("trigger_fs_error");
        if std::fs::write(&trigger, "taper-journal fault test").is_err() {
            return not_here::<()>("the kernel offers no ext4 trigger_fs_error").is_some();
        }
        let mounts = std::fs::read_to_string("/proc/mounts").unwrap();
        let mnt = self.path();
        let line = mounts
            .lines()
            .find(|l| l.split(' ').nth(1) == Some(&*mnt.to_string_lossy()))
            .expect("the stick is mounted");
        assert!(
            line.contains(" ro,") || line.contains("emergency_ro"),
            "{line}"
        );
        true
    }

    /// Out and in again, repaired on the way (as a computer does when it is plugged back
    /// in): every file on it closed first.
    pub fn replug(&mut self) {
        let mnt = self.path();
        run("umount", &[&mnt.to_string_lossy()]).expect("unmount the stick (a file still open?)");
        self.mounted = false;
        // 0: clean; 1: errors corrected (the error raised on purpose is recorded as one).
        let fsck = Command::new("e2fsck")
            .args(["-fy", &self.device])
            .output()
            .unwrap();
        assert!(matches!(fsck.status.code(), Some(0 | 1)), "{fsck:?}");
        assert!(self.plug_in(), "mount the stick again");
    }
}

impl Drop for Stick {
    fn drop(&mut self) {
        if self.mounted {
            // A file still open (a failed test) makes it busy: detach it all the same.
            let unmounted = Command::new("umount").arg(self.path()).status();
            if !unmounted.is_ok_and(|s| s.success()) {
                let _ = Command::new("umount").arg("-l").arg(self.path()).status();
            }
        }
        let _ = Command::new("losetup").args(["-d", &self.device]).status();
    }
}
