//! The journal's folder is made once, on the first start in the app's own data folder,
//! and never again: a folder that has gone since (a drive pulled out, a network or synced
//! folder not there) is said to be gone, rather than made afresh with an empty journal in
//! it that would hide the person's own. Which folders were made is remembered outside them.

use std::path::Path;

/// Makes `dir` if no journal folder was made before (by `made`, a marker kept outside
/// it), and remembers that it was. An install from before this rule has the folder and
/// no marker: the marker is simply written.
pub fn make_on_first_start(dir: &Path, made: &Path) -> std::io::Result<()> {
    if made.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    if let Some(parent) = made.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::files::write_atomically(
        made,
        format!(
            "The journal's folder was made here; it is not made again if it goes missing: {}\n",
            dir.display()
        )
        .as_bytes(),
    )
}
