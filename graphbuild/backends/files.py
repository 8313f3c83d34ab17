"""The graph file on disk: written whole or not at all, through a symbolic link to its target,
by one load at a time, and without leaving files behind.

- ``write_text_atomic``: a temporary file beside the target, then a rename over it. The path
  is resolved first, so ``--graph`` naming a link updates the file the link points to and
  leaves the link a link.
- ``graph_lock``: the operating system's lock (``flock``) on ``.NAME.lock`` beside the graph
  file. The lock file is removed when the load ends, so a project directory holding the graph
  shows no new file; a killed load's lock is released by the system, and its file removed by
  the next load.
- ``remove_leftovers``: the temporary files a killed write left (``.NAME.XXXXXXXX.tmp``),
  removed by the next load of that graph while it holds the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from graphbuild.errors import GraphFileError

# The temporary file of a write: mkstemp's prefix and suffix around 8 characters of its own.
_TEMP_NAME = "[a-z0-9_]{8}"


def target_of(path: str | Path) -> Path:
    """The file ``path`` names, through any symbolic links (which need not exist yet)."""
    return Path(os.path.realpath(path))


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write a text file by way of a temporary file and a rename: never half written. A
    symbolic link is written through: its target gets the text, the link stays."""
    shown, path = str(path), target_of(path)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would have
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise GraphFileError(f"Can't write {shown!r}: {e}. Check the directory exists and is writable.") from e
    finally:
        if tmp is not None:  # a failed write must not leave its temporary file behind
            Path(tmp).unlink(missing_ok=True)


def remove_leftovers(path: str | Path) -> list[Path]:
    """Remove the temporary files a killed write of the graph ``path`` left beside it; call
    only while holding ``graph_lock(path)``, when no write of it can be under way."""
    target = target_of(path)
    pattern = re.compile(rf"\.{re.escape(target.name)}\.{_TEMP_NAME}\.tmp")
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def lock_path(path: str | Path) -> Path:
    """Where the lock of the graph ``path`` lives while a load holds it: ``.NAME.lock`` beside
    the file the path names."""
    target = target_of(path)
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def graph_lock(path: str | Path, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the graph file's lock for a read-modify-write (see ``lock_path``).

    Another process holding it makes this wait, after calling ``on_wait`` once. The lock is
    the operating system's (``flock``): a killed process never leaves it held. Its file is
    removed on release, while still held; a process that was waiting on the removed file
    finds it gone once it gets the lock, and locks the file now at the path instead.
    """
    where = lock_path(path)
    waited = False
    while True:
        fd = _open_lock(path, where)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None and not waited:
                    on_wait()
                waited = True
                fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as e:
            os.close(fd)
            raise GraphFileError(
                f"Can't lock {str(path)!r} ({e}); the file system may not support locks. Use a local --graph path."
            ) from e
        if _is_at(fd, where):
            break
        os.close(fd)  # the holder before removed it: lock the one at the path now
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(where)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _open_lock(path: str | Path, where: Path) -> int:
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        # read-only is enough for flock, and works on a lock file another user created
        return os.open(where, os.O_RDONLY | os.O_CREAT, 0o666)
    except OSError as e:
        raise GraphFileError(f"Can't lock {str(path)!r} ({e}). Check the directory exists and is writable.") from e


def _is_at(fd: int, where: Path) -> bool:
    try:
        held, there = os.fstat(fd), os.stat(where)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino)
