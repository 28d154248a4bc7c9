"""What a job's uid left in the shared scratch folders (/tmp, /dev/shm), found and removed.

Used by the zygote after each job (with the job's uid as its effective uid) and by the process
backend when a zygote ends (as root, for all of its uids). Standard library only: no torch here.

A uid can only create entries in folders it may write: its own, and those anyone may write (/tmp's
kind). Only those are searched. On a host, /tmp holds other people's trees (a checkout, its
virtualenv, build caches: 150,000 entries on a developer's machine), and walking all of them after
every job cost the process backend about 0.9 s a job. A folder anyone may write, nested inside one
the uid could not write, is not searched: on a host this is not a security boundary (see
backends/process.py), and in a container the scratch folders start empty.
"""

import os
import stat
from collections.abc import Container


def remove_owned(top: str, uids: Container) -> bool:
    """Remove everything under top owned by one of uids; False if any of it is left. Folders of theirs
    are first given back their owner's permissions, which a job may have taken away so they survive."""
    left = False
    for path, is_folder in reversed(_owned(top, uids)):  # children before their folders
        try:
            os.rmdir(path) if is_folder else os.unlink(path)
        except OSError:
            left = True
    return not left


def _owned(top: str, uids: Container) -> list:
    """(path, is a folder) for each entry under top owned by one of uids, parents before children."""
    found = []
    for root, dirs, files in os.walk(top):
        searched = []
        for name in dirs + files:
            path = os.path.join(root, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            is_folder = stat.S_ISDIR(st.st_mode)  # a link to a folder is not one: it is removed, not followed
            if st.st_uid in uids:
                found.append((path, is_folder))
                if is_folder:
                    _open_up(path)
                    searched.append(name)
            elif is_folder and st.st_mode & stat.S_IWOTH:
                searched.append(name)
        dirs[:] = [name for name in dirs if name in searched]
    return found


def _open_up(path: str) -> None:
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass  # then what is in it stays, and remove_owned says so
