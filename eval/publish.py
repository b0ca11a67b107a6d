"""Results folders replaced whole, never half-written: a staging folder beside ``--out``, renamed into place.

Why: a run killed half-way (SIGKILL, a full disk) used to leave the previous run's summary.json and
report.html beside this run's partial tables, a folder that looked complete and was not; reruns with
``--no-report`` or without ``--csv`` left the old report and CSVs beside new tables; and two runs on
one ``--out`` mixed their files. Now a run writes into ``.<name>.partial-<pid>`` beside ``--out`` and,
when everything is written, moves the old folder aside, renames the new one into place and deletes the
old one. A kill at any point leaves either the previous complete folder, or (between the two renames,
a few microseconds) no folder at all, which every reader refuses; the hidden staging folder is removed
by the next run. A lock file ``.<name>.lock`` (holding the pid) refuses a second run on the same folder
while the first is alive. A folder that holds files other than a run's is not replaced unless forced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from eval.errors import InputError

#: what a results folder holds (anything else means the folder is the user's, not a run's)
RESULT_FILES = frozenset({
    "summary.json", "report.html", "sentences.parquet", "segments.parquet", "findings.parquet",
    "documents.parquet", "names.parquet", "sentences.csv", "segments.csv", "findings.csv",
    "documents.csv", "names.csv",
})


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _lock(lock: Path) -> None:
    """Take the lock: a file holding our pid, made whole then linked into place (``link`` fails if the
    lock exists), so another run never sees an empty lock and takes it for a stale one."""
    mine = lock.with_name(f"{lock.name}.{os.getpid()}")
    mine.write_text(str(os.getpid()))
    try:
        _take(lock, mine)
    finally:
        mine.unlink(missing_ok=True)


def _take(lock: Path, mine: Path) -> None:
    for _ in range(2):
        try:
            os.link(mine, lock)
        except FileExistsError:
            try:
                pid = int(lock.read_text().strip() or 0)
            except (OSError, ValueError):
                pid = 0
            if pid and pid != os.getpid() and _alive(pid):
                raise InputError(f"another mteval run (pid {pid}) is writing these results; wait for it, "
                                 f"or remove {lock} if that process is gone", lock.parent / lock.name[1:-5]) from None
            lock.unlink(missing_ok=True)  # stale: its run was killed
            continue
        return
    raise InputError("could not take the results lock", lock)


def check_out(out: Path, force: bool = False) -> Path:
    """``out`` as a results folder, or a clear error: not the current directory or one above it, not a
    file, not a folder of other files (unless ``force``)."""
    if str(out) in ("", ".") or out.resolve() in (Path.cwd(), *Path.cwd().parents):
        raise InputError("--out must name a folder for the results, not the current directory or one above it", out)
    if out.exists() and not out.is_dir():
        raise InputError("--out names an existing file; give a folder for the results", out)
    if out.is_dir() and not force:
        other = sorted(p.name for p in out.iterdir() if p.name not in RESULT_FILES)
        if other:
            shown = ", ".join(other[:3]) + (", …" if len(other) > 3 else "")
            raise InputError(f"the folder holds files that are not results ({shown}); choose another --out, "
                             "or pass --force to replace the whole folder", out)
    return out


@contextlib.contextmanager
def results_folder(out: Path, force: bool = False) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``out`` whole (see the module docstring)."""
    out = check_out(Path(out), force)
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    lock = parent / f".{out.name}.lock"
    _lock(lock)
    try:
        for stale in parent.glob(f".{out.name}.lock.*"):  # a lock being made when its run was killed
            pid = stale.name.rsplit(".", 1)[-1]
            if not (pid.isdigit() and _alive(int(pid))):
                stale.unlink(missing_ok=True)
        for stale in parent.glob(f".{out.name}.partial-*"):  # left by a killed run
            pid = stale.name.rsplit("-", 1)[-1]
            if not (pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid()):
                shutil.rmtree(stale, ignore_errors=True)
        staging = parent / f".{out.name}.partial-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        old = parent / f".{out.name}.old-{os.getpid()}"
        if out.is_dir() and not out.is_symlink():
            os.replace(out, old)
        elif out.is_symlink():
            out.unlink()
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        lock.unlink(missing_ok=True)


def os_error_message(exc: OSError) -> str:
    """One line for an operating-system error at the edges: the path, what happened, what to do."""
    where = exc.filename or ""
    hint = {
        errno.EACCES: "permission denied: choose a path you can write (or read), or fix its permissions",
        errno.EPERM: "operation not permitted: choose another path, or fix its permissions",
        errno.EROFS: "the file system is read-only: choose --out on a writable disk",
        errno.ENOSPC: "no space left on the device: free space or choose --out on another disk",
        errno.EDQUOT: "disk quota exceeded: free space or choose --out on another disk",
        errno.ENOENT: "no such file or folder",
        errno.EEXIST: "it already exists",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EISDIR: "it is a folder, not a file",
        errno.ENAMETOOLONG: "the name is too long",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{where}: {hint}" if where else hint
