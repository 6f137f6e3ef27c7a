"""Files from outside (game.files): devices, pipes and links are refused without blocking, the size
cap holds for what is read, and saving never writes through a link or over a device."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game import files
from game.core.errors import FileProblem
from tests.helpers import in_time, private_null

ROOT = Path(__file__).resolve().parent.parent
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and device files")


@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@POSIX
def test_a_fifo_is_refused_at_once_not_waited_on(fifo):
    done, result = in_time(lambda: files.read_capped(fifo, 1000), fifo=fifo)
    assert done, "reading a FIFO blocked"
    assert isinstance(result, FileProblem) and "pipe" in str(result) and "\n" not in str(result)


@POSIX
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_and_links_to_them_are_refused_before_anything_is_read(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "innocent.yaml"
    link.symlink_to(device)
    for path in (device, link):
        done, result = in_time(lambda p=path: files.read_capped(p, 1000))
        assert done and isinstance(result, FileProblem), result
        assert "a device, not a regular file" in str(result)


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs Linux /proc")
def test_the_cap_holds_for_what_is_read_not_for_what_the_size_says():
    """/proc files are regular files whose size says 0: only reading shows how much they hold."""
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(FileProblem, match="larger than 100 bytes"):
        files.read_capped("/proc/self/maps", 100)


def test_a_file_at_the_cap_is_read_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1000)
    assert files.read_capped(path, 1000) == b"x" * 1000
    path.write_bytes(b"x" * 1001)
    with pytest.raises(FileProblem, match="larger than 1,000 bytes"):
        files.read_capped(path, 1000)


@pytest.mark.parametrize("path, words", [
    ("a" * 300 + ".yaml", "a name in the path is too long"),
    ("/" + "d/" * 2100 + "x.yaml", "the path is too long"),
    ("x\0y.yaml", "NUL"),
    ("", "empty"),
])
def test_impossible_paths_are_one_clear_line(path, words):
    with pytest.raises(FileProblem, match=words) as err:
        files.read_capped(path, 10)
    assert "\n" not in str(err.value) and len(str(err.value)) < 200
    with pytest.raises(FileProblem, match=words):
        files.write_atomic(path, b"x")


def test_missing_files_and_folders_are_named(tmp_path):
    with pytest.raises(FileProblem, match="no such file"):
        files.read_capped(tmp_path / "nope", 10)
    with pytest.raises(FileProblem, match="folder"):
        files.read_capped(tmp_path, 10)


# ----------------------------------------------------------------------------------- writing


def test_saving_through_a_symbolic_link_is_refused_and_the_link_stays(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    link = tmp_path / "game.parley.json"
    link.symlink_to(target)
    with pytest.raises(FileProblem, match="symbolic link"):
        files.write_atomic(link, b"new")
    assert link.is_symlink() and target.read_text() == "keep me"


@POSIX
def test_a_device_is_never_replaced(tmp_path):
    """As root, saving to /dev/null once replaced the device node with a regular file."""
    device = private_null(tmp_path)
    if device is None:
        pytest.skip("making a device node needs root (whom the bug hurt)")
    before = os.lstat(device)
    with pytest.raises(FileProblem, match="a device"):
        files.write_atomic(device, b"new")
    after = os.lstat(device)
    assert (after.st_ino, after.st_mode, after.st_rdev) == (before.st_ino, before.st_mode, before.st_rdev)


@POSIX
def test_a_fifo_or_folder_target_is_refused_without_blocking(tmp_path, fifo):
    done, result = in_time(lambda: files.write_atomic(fifo, b"x"), fifo=fifo)
    assert done and isinstance(result, FileProblem) and "pipe" in str(result)
    assert Path(fifo).is_fifo()
    with pytest.raises(FileProblem, match="folder"):
        files.write_atomic(tmp_path, b"x")


def test_a_link_or_device_at_the_backup_name_is_refused_too(tmp_path):
    path = tmp_path / "g.json"
    path.write_bytes(b"old")
    other = tmp_path / "other"
    other.write_text("keep me")
    (tmp_path / "g.json.bak").symlink_to(other)
    with pytest.raises(FileProblem, match="symbolic link"):
        files.write_atomic(path, b"new")
    assert path.read_bytes() == b"old" and other.read_text() == "keep me"


def test_a_file_where_a_folder_should_be_is_one_clear_line(tmp_path):
    blocker = tmp_path / "hostname"
    blocker.write_text("x")
    with pytest.raises(FileProblem) as err:
        files.write_atomic(blocker / "sub" / "x.json", b"data")
    assert str(err.value) == f"{blocker / 'sub' / 'x.json'}: cannot be written: {blocker} is a file, not a folder"


def test_a_read_only_place_is_one_clear_line(tmp_path, monkeypatch):
    """A missing folder on a read-only mount: making it fails with EROFS (simulated: tests may run as root)."""
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "mkdir", refuse)
    with pytest.raises(FileProblem) as err:
        files.write_atomic(tmp_path / "new" / "x.json", b"data")
    assert "cannot make the folder" in str(err.value) and os.strerror(errno.EROFS) in str(err.value)
    monkeypatch.undo()
    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(FileProblem, match="cannot be written: " + os.strerror(errno.EROFS)):
        files.write_atomic(tmp_path / "x.json", b"data")


_KILLED_WRITER = textwrap.dedent(
    """
    import fcntl, os, signal, sys, tempfile
    folder, name = sys.argv[1], sys.argv[2]
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, b"half a save")
    print(tmp, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or files.fcntl is None, reason="needs POSIX signals and locks")
def test_leftovers_of_a_writer_killed_mid_save_are_removed_by_the_next_save(tmp_path):
    name = "game.parley.json"
    left = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(tmp_path), name], check=False,
                             capture_output=True, text=True, timeout=30)
        left.append(Path(out.stdout.strip()))
    assert all(p.exists() for p in left)
    unrelated = tmp_path / ".notes.txt.abcdefgh.tmp"
    unrelated.write_text("not ours")
    files.write_atomic(tmp_path / name, b"whole")
    assert not any(p.exists() for p in left)
    assert unrelated.exists() and (tmp_path / name).read_bytes() == b"whole"


@pytest.mark.skipif(files.fcntl is None, reason="needs flock")
def test_a_temporary_file_another_writer_holds_is_left_alone(tmp_path):
    name = "game.parley.json"
    busy = tmp_path / f".{name}.abcdefgh.tmp"
    busy.write_bytes(b"being written")
    fd = os.open(busy, os.O_RDONLY)
    try:
        files.fcntl.flock(fd, files.fcntl.LOCK_EX)
        files.write_atomic(tmp_path / name, b"whole")
        assert busy.exists()
    finally:
        os.close(fd)
    files.write_atomic(tmp_path / name, b"whole again")
    assert not busy.exists()
