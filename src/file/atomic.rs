//! Atomic file replacement: a temporary file beside the target, written, flushed, synced and
//! renamed over it. A crash or an error leaves the old file in place, never half a file.

use super::SaveError;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Replace `path` with `bytes` atomically. On any error the temporary file is removed and the
/// target is untouched. An existing target keeps its permissions; a symbolic link is followed
/// so the link stays a link.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the writing step given: an export streams into the temporary
/// file (a large PNG is never whole in memory), and tests can make it fail half way. An
/// error from `write` leaves the target untouched.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), SaveError> {
    let target = resolve_symlink(path);
    let Some(name) = target.file_name() else {
        return Err(SaveError::NotAFile {
            path: path.to_path_buf(),
        });
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = dir.join(temp_name(&name.to_string_lossy()));
    let write_err = |source| SaveError::Write {
        path: path.to_path_buf(),
        source,
    };

    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(write_err)?;
    let written = write(&mut file)
        .and_then(|()| file.flush())
        .and_then(|()| file.sync_all());
    drop(file);
    if let Err(source) = written {
        remove_quietly(&temp);
        return Err(write_err(source));
    }
    if let Ok(meta) = fs::metadata(&target) {
        // Best effort: a file the user made read-only for others stays so after a save.
        let _ = fs::set_permissions(&temp, meta.permissions());
    }
    if let Err(source) = fs::rename(&temp, &target) {
        remove_quietly(&temp);
        return Err(SaveError::Replace {
            path: path.to_path_buf(),
            source,
        });
    }
    // The rename is durable only once the directory entry is; failing here loses nothing.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A name no other writer uses: hidden, beside the target, with the process and a counter.
fn temp_name(target_name: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(".{target_name}.{}-{n}.tmp", std::process::id())
}

/// Where a symbolic link points, so saving through it replaces the real file.
fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

fn remove_quietly(path: &Path) {
    let _ = fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("readable dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn failure_half_way_through_writing_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("plan.hybrid.json");
        fs::write(&target, b"old contents").expect("seed");
        let err = write_atomic_with(&target, |file| {
            file.write_all(b"{\"half\": ")?;
            Err(io::Error::other("disk full"))
        })
        .expect_err("the write step failed");
        assert!(matches!(err, SaveError::Write { .. }));
        assert!(err.to_string().contains("plan.hybrid.json"), "{err}");
        assert_eq!(fs::read(&target).expect("still there"), b"old contents");
        assert_eq!(entries(dir.path()), ["plan.hybrid.json"]);
    }

    #[test]
    fn writing_replaces_the_whole_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("a.json");
        fs::write(&target, b"a much longer old text than the new one").expect("seed");
        write_atomic(&target, b"new").expect("writable");
        assert_eq!(fs::read(&target).expect("written"), b"new");
        assert_eq!(entries(dir.path()), ["a.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_symbolic_link_keeps_the_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, b"old").expect("seed");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomic(&link, b"new").expect("writable");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).expect("real"), b"new");
    }
}
