"""The export's folder: a freeze writes the new export beside the old one and swaps it in whole,
under a lock, so that a web server (or rsync) sees entirely the old export or entirely the new
one whatever happens to the freeze; and it only replaces a folder that holds nothing but what
the last freeze wrote, which its marker lists.

The new export is written into a spare folder beside the export, which holds the export before
it: only the files that changed are written (creating ~6,000 files and ~3,800 folders anew took
a 10x freeze from 12 to 20 s on a busy disk, and deleting the old ones as long again). After
the swap the old export is the spare. Killed at any point, a freeze leaves the old export whole
(or, after the swap, the new one) and the spare part-written, which the next freeze writes
over as it would any spare: nothing is left for anyone to clean up."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

MARKER = ".aln-guide-export"  # the list of the files the last freeze wrote, in every export
TAG = ".aln-guide-"  # the lock, new and old folders beside the export: .<name>.aln-guide-…
SHOWN = 5  # foreign files named in a refusal


class ExportRefusedError(Exception):
    """The export would destroy or publish something it should not; the message says why."""


def beside(out: Path, what: str) -> Path:
    """A hidden name beside the export (.build.aln-guide-lock for build/): on the same filesystem,
    so a rename is atomic, and outside the folder a web server publishes."""
    return out.parent / f".{out.name}{TAG}{what}"


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """One freeze at a time for a folder: a second one refuses at once, having written nothing.
    The lock file stays (removing it would let two freezes hold two different files)."""
    path = beside(out, "lock")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise ExportRefusedError(f"cannot write {path} ({error.strerror}): the freeze writes the new "
                                 f"export beside {out} and swaps it in whole, so {out.parent} must be "
                                 "writable") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise ExportRefusedError(f"another freeze (process {holder}) is writing {out}: let it "
                                     "finish, then freeze again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock (as the OS does for a killed freeze)


def remove_leftovers(out: Path) -> list[Path]:
    """Old exports whose deletion was cut short (only called under the lock, so no running
    freeze owns them); returns them. The spare stays: the next freeze writes over it."""
    gone = [path for path in out.parent.glob(f".{glob_escape(out.name)}{TAG}*")
            if path.is_dir() and not path.is_symlink() and path != beside(out, SPARE)]
    for path in gone:
        discard(path)
    return gone


def discard(path: Path) -> None:
    """Delete a folder in a process of its own, which the freeze does not wait for: deleting the
    old export's ~400 folders took 0.6-2 s of a ~1 s freeze on a busy disk (rmdir is the cost).
    The folder is hidden beside the export, out of what the web server publishes; a deletion
    cut short is done again by the next freeze (remove_leftovers)."""
    try:
        child = os.fork()
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    if child == 0:  # forks again and leaves at once, so nobody need wait for the deletion
        try:
            os.closerange(3, 1 << 16)  # the freeze's lock among them: the next freeze need not wait
            if os.fork() == 0:
                shutil.rmtree(path, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


SPARE = "spare"


def spare_folder(out: Path) -> Path:
    """The folder the new export is written into: the spare, which holds the export before the
    one in place (or what a killed freeze wrote), or a new empty one; readable as the export is."""
    path = beside(out, SPARE)
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
    path.mkdir(exist_ok=True)
    if out.is_dir():
        os.chmod(path, stat.S_IMODE(out.stat().st_mode))
    return path


def remove_extra_files(folder: Path, keep: set[str]) -> None:
    """What the spare holds that this export does not (a page since deleted). os.walk, not
    Path.rglob: at 10x content the export has ~6,000 files in ~3,800 folders, and rglob took
    0.4 s to list them."""
    for path, _, names in os.walk(folder, topdown=False):
        here = os.path.relpath(path, folder)
        for name in names:
            rel = name if here == "." else f"{here}/{name}"
            if rel not in keep:
                os.unlink(os.path.join(path, name))
        if path != str(folder) and not os.listdir(path):
            os.rmdir(path)


def read_marker(out: Path) -> dict[str, str] | None:
    """The files the last freeze wrote (path -> sha256), or None for a folder with no marker or
    an older freeze's marker, which listed nothing."""
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return None
    return files


def write_marker(folder: Path, files: Mapping[str, str]) -> None:
    note = ("Written by build.py freeze, with the list of every file it wrote here. The next "
            "freeze replaces this whole folder, and refuses if it holds any other file.")
    text = json.dumps({"note": note, "files": dict(sorted(files.items()))}, indent=0)
    (folder / MARKER).write_text(text + "\n", encoding="utf-8")


def foreign_files(out: Path, listed: Mapping[str, str]) -> list[str]:
    """What is in the folder that the last freeze did not write (a folder of its own counts as
    one), sorted."""
    files = set(listed) | {MARKER}
    folders = {parent.as_posix() for path in files for parent in Path(path).parents}
    found = []
    for folder, subfolders, names in os.walk(out):
        here = Path(folder).relative_to(out)
        for name in list(subfolders):
            rel = (here / name).as_posix()
            if rel not in folders or os.path.islink(os.path.join(folder, name)):
                found.append(rel + "/")
                subfolders.remove(name)
        found += [rel for rel in ((here / name).as_posix() for name in names) if rel not in files]
    return sorted(found)


def check(out: Path, force: bool = False) -> dict[str, str]:
    """Refuse a folder that holds anything the last freeze did not write (a web root that an
    export was copied into, marker and all), unless forced. Returns what the last freeze wrote."""
    if not out.exists():
        return {}
    if not out.is_dir():
        raise ExportRefusedError(f"{out} is a file, not a folder")
    listed = read_marker(out)
    if force:
        return listed or {}
    if listed is None:
        if not (out / MARKER).exists() and not any(out.iterdir()):
            return {}
        why = (f"was not written by build.py freeze (it has no {MARKER} file)"
               if not (out / MARKER).exists()
               else "its marker is an older freeze's, which does not list the files it wrote")
        raise ExportRefusedError(f"{out} is not empty and {why}: freezing there would delete what "
                                 "is in it. Choose an empty folder, or check it and add --force to "
                                 "replace its contents")
    foreign = foreign_files(out, listed)
    if foreign:
        named = ", ".join(foreign[:SHOWN])
        if len(foreign) > SHOWN:
            named += f" and {len(foreign) - SHOWN} more"
        raise ExportRefusedError(f"{out} holds {len(foreign)} file(s) the last freeze did not write "
                                 f"({named}): freezing there would delete them. Move them out, or "
                                 "add --force to replace them")
    return listed


def keep_dates(out: Path, new: Path, listed: Mapping[str, str], written: Mapping[str, str],
               since_ns: int) -> None:
    """A file with the same bytes as the one in place keeps its date, so rsync and browsers'
    If-Modified-Since see it unchanged; any other file is dated from this freeze, even one the
    spare held already (from the export before last): dated before the one in place, a browser
    that holds the one in place would be told its copy is current."""
    for rel, digest in written.items():
        path = new / rel
        if listed.get(rel) == digest:
            try:
                old = os.stat(out / rel)
            except OSError:
                continue
            os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
        elif os.stat(path).st_mtime_ns < since_ns:
            os.utime(path)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2); False where the system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(new: Path, out: Path, keep_old: bool) -> None:
    """Put the finished export in place of the old one, which becomes the spare (or, not kept,
    is deleted after the freeze: discard). On Linux the two folders change places in one step;
    elsewhere the old one is renamed aside and the new one into place, which leaves no folder
    at `out` for the time between two renames."""
    aside = beside(out, f"old-{os.getpid()}")
    try:
        if not out.exists():
            os.rename(new, out)
            return
        if _exchange(new, out):
            if keep_old:
                return  # `new` holds the old export: the next spare
            os.rename(new, aside)
        else:
            os.rename(out, aside)
            try:
                os.rename(new, out)
            except OSError:
                os.rename(aside, out)  # the old export back in place
                raise
            if keep_old:
                os.rename(aside, new)
                return
    except OSError as error:
        raise ExportRefusedError(f"could not put the new export in place of {out} ({error.strerror}); "
                                 "if it is a mount point, freeze into a folder inside it") from None
    discard(aside)
