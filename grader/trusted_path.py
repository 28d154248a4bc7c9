"""The trusted side's sys.path: only folders no learner can write into. No imports beyond the standard
library: the zygote calls this before torch or anything else is imported."""

import os
import stat
import sys


def writable_by_others(path: str) -> bool:
    """Whether a uid other than ours (a learner's) could put a module at `path`: the folder, or one above
    it, is group- or world-writable or owned by another uid, unless it is sticky (like /tmp) and what it
    holds on the way is ours. So /tmp and a learner's scratch folder are, and a checkout in /tmp/x owned
    by root with mode 755 is not."""
    me, path, child_owner = os.geteuid(), os.path.realpath(path), None
    while True:
        try:
            st = os.stat(path)
        except OSError:  # not there (yet): whoever can write its parent can make it
            st, child_owner = None, None
        if st is not None:
            open_to_others = st.st_uid not in (0, me) or st.st_mode & 0o022
            protected = st.st_mode & stat.S_ISVTX and child_owner in (0, me)
            if open_to_others and not protected:
                return True
            child_owner = st.st_uid
        parent = os.path.dirname(path)
        if parent == path:
            return False
        path = parent


def trusted_sys_path() -> None:
    """Keep only absolute entries no learner can write into, and not the current folder or HOME: ''
    (python -m, -c), a cwd of /tmp, PYTHONPATH pointing at a scratch folder all go. Done before torch
    or anything else is imported; the backends also start Python in isolated mode (-I), so PYTHONPATH
    and the user's site-packages never come in."""
    own = {os.path.realpath(p) for p in (os.getcwd(), os.environ.get("HOME") or "/tmp")}

    def safe(entry: str) -> bool:
        if not os.path.isabs(entry):
            return False
        real = os.path.realpath(entry)
        inside_own = any(real == o or real.startswith(o.rstrip("/") + "/") for o in own)
        return not inside_own and not writable_by_others(real)

    sys.path[:] = [entry for entry in sys.path if safe(entry)]
