"""Files from outside: the one reader every reader of a scenario, save or settings uses, and the
one atomic writer of saves and settings.

``read_capped(path, cap)`` opens without blocking (a FIFO with no writer must not hang the
game), asks the open descriptor what it is (so a link to ``/dev/zero`` is judged by what it
points at, and nothing can be swapped in between a check and the read), refuses anything but a
regular file, and reads at most ``cap + 1`` bytes: the cap holds for what is read, whatever
``st_size`` claims (``/proc`` files say 0, a growing file says less than it will hold).

``check_path`` refuses, before any system call, a path no file system could hold: a NUL
byte, a name longer than 255 bytes, a path longer than 4096 bytes.

Every problem is a ``FileProblem`` (a ``ParleyError``) whose ``reason`` is a short phrase with
no file content in it; callers add the file's name in their own error type.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from game.core.errors import FileProblem

MAX_PATH_BYTES = 4096
MAX_NAME_BYTES = 255
_CHUNK = 1 << 20

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words ("a device", "a folder", ...)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def check_path(path: str | os.PathLike) -> str:
    """The path as text if a file system could hold it; FileProblem otherwise."""
    try:
        text = os.fspath(path)
    except TypeError:
        raise FileProblem("?", "is not a file path") from None
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    shown = text if len(text) <= 80 else text[:60] + "…" + text[-16:]
    if not text:
        raise FileProblem(shown, "the file name is empty")
    if "\0" in text:
        raise FileProblem(shown.replace("\0", "\\0"), "the file name holds a NUL character")
    raw = os.fsencode(text) if _encodable(text) else text.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_PATH_BYTES:
        raise FileProblem(shown, f"the path is too long ({len(raw):,} bytes; at most {MAX_PATH_BYTES:,})")
    longest = max((len(part) for part in raw.replace(b"\\", b"/").split(b"/")), default=0)
    if longest > MAX_NAME_BYTES:
        raise FileProblem(shown, f"a name in the path is too long ({longest} bytes; at most {MAX_NAME_BYTES})")
    return text


def _encodable(text: str) -> bool:
    try:
        os.fsencode(text)
    except UnicodeError:
        return False
    return True


def read_capped(path: str | os.PathLike, cap: int, what: str | None = None) -> bytes:
    """The bytes of a regular file of at most cap bytes; FileProblem for anything else. ``what``
    names the kind of file in the reasons ("save": "is a folder, not a save file")."""
    text = check_path(path)
    shown = text if len(text) <= 200 else text[:180] + "…"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(text, flags)
    except OSError as err:
        raise FileProblem(shown, _open_reason(err, text, what)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = kind_of(mode)
            raise FileProblem(shown, _folder(what) if kind == "a folder" else f"is {kind}, not a regular file")
        # The size is only a hint for the first read (one allocation when it is right); reading
        # goes on until the end or one byte past the cap, whatever the size said.
        hint = min(cap + 1, max(os.fstat(fd).st_size + 1, 4096))
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(fd, hint if not chunks else min(_CHUNK, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:
            more = f", more than a {what} can be" if what else ""
            raise FileProblem(shown, f"is larger than {cap:,} bytes{more}")
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as err:
        raise FileProblem(shown, f"cannot be read: {err.strerror or err}") from None
    finally:
        os.close(fd)


def _folder(what: str | None) -> str:
    return f"is a folder, not a {what} file" if what else "is a folder, not a file"


def _open_reason(err: OSError, text: str, what: str | None) -> str:
    if err.errno == errno.ENOENT:
        return "no such file"
    if err.errno in (errno.EISDIR,) or (err.errno == errno.EACCES and Path(text).is_dir()):
        return _folder(what)
    if err.errno == errno.ENOTDIR:
        return "a part of the path is not a folder"
    if err.errno == errno.ENAMETOOLONG:
        return "the path is too long"
    if err.errno == errno.ELOOP:
        return "the path has too many symbolic links (a loop?)"
    return f"cannot be opened: {err.strerror or err}"


# ----------------------------------------------------------------------------------- writing


def write_atomic(path: str | os.PathLike, data: bytes, backup: bool = True) -> None:
    """Write data to path so that a crash at any moment leaves the old or the new file whole.

    The target must be a regular file or not exist: a symbolic link, a device (``/dev/null``), a
    pipe or a folder is refused, never replaced. Missing folders are made. The previous file is
    kept as ``NAME.bak`` when ``backup``. Temporary files (``.NAME.XXXXXXXX.tmp``) left by a
    writer killed mid-save are removed first. FileProblem if it cannot be done.
    """
    text = check_path(path)
    target = Path(text)
    folder = target.parent
    _make_folder(folder, text)
    bak = target.with_name(target.name + ".bak")
    old = _existing(target)
    if backup:
        _existing(bak)
    _remove_orphans(folder, target.name)
    try:
        if backup and old:
            with open(target, "rb") as src:
                _stage_and_replace(folder, target.name, src, bak)
        _stage_and_replace(folder, target.name, data, target)
    except OSError as err:
        raise FileProblem(text, f"cannot be written: {err.strerror or err}") from None
    _fsync_dir(folder)


def _make_folder(folder: Path, text: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        blocker = _first_non_folder(folder)
        if blocker is not None:
            raise FileProblem(text, f"cannot be written: {blocker} is a file, not a folder") from None
        raise FileProblem(text, f"cannot be written: cannot make the folder {folder} "
                                f"({err.strerror or err})") from None
    if not folder.is_dir():
        raise FileProblem(text, f"cannot be written: {folder} is not a folder")


def _first_non_folder(folder: Path) -> Path | None:
    """The nearest part of a path that exists but is not a folder, if any."""
    for part in [*reversed(folder.parents), folder]:
        try:
            mode = os.stat(part).st_mode
        except OSError:
            return None
        if not stat.S_ISDIR(mode):
            return part
    return None


def _existing(path: Path) -> bool:
    """Whether a regular file is at path (False: nothing is); FileProblem for anything else."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as err:
        raise FileProblem(str(path), f"cannot be written: {err.strerror or err}") from None
    if stat.S_ISLNK(mode):
        raise FileProblem(str(path), "is a symbolic link: the game never writes through one; choose another file")
    if not stat.S_ISREG(mode):
        raise FileProblem(str(path), f"is {kind_of(mode)}: the game writes only regular files; choose another file")
    return True


def _stage_and_replace(folder: Path, name: str, payload, final: Path) -> None:
    """Write payload (bytes, or a file to copy) to a new temporary file beside the target, flush it
    to disk, then rename it over final. The temporary file stays locked until it is renamed, so
    another writer's clean-up never takes it for a leftover."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            _lock(out.fileno())
            if isinstance(payload, bytes | bytearray):
                out.write(payload)
            else:
                shutil.copyfileobj(payload, out)
            out.flush()
            os.fsync(out.fileno())
            if fcntl is not None:
                os.replace(tmp, final)
        if fcntl is None:  # Windows cannot rename an open file (nor has it flock)
            os.replace(tmp, final)
    except BaseException:
        _remove(tmp)
        raise


def _lock(fd: int) -> None:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a file system without locks: clean-up then relies on age alone
            pass


_ORPHAN_AGE = 60.0  # seconds: without locks, a temporary file this old belongs to no live writer


def _remove_orphans(folder: Path, name: str) -> None:
    """Remove ``.NAME.XXXXXXXX.tmp`` files that no running writer holds (a killed save's leftovers)."""
    prefix, n = f".{name}.", len(name) + 2 + 8 + 4  # mkstemp adds 8 random characters
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(".tmp")
                   and len(e.name) == n]
    except OSError:
        return
    for entry in entries:
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if fcntl is None:  # Windows: a file another process has open cannot be removed anyway
                _remove(entry.path)
                continue
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as err:
                if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    continue  # a live writer holds it
                if time.time() - os.fstat(fd).st_mtime < _ORPHAN_AGE:
                    continue  # no locks here: only old files are surely orphans
            _remove(entry.path)
        finally:
            os.close(fd)


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
