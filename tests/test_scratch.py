"""What a job's uid leaves in a shared scratch folder is removed, and nothing of anyone else's."""

import os

from grader import scratch

JOB_UID, OTHER_UID = 0x7E000001, 0x7E000002


def make(path, uid, mode=0o600, folder=False):
    """As root (scripts/test runs so): an entry of another uid's."""
    os.mkdir(path) if folder else open(path, "w").close()
    os.chown(path, uid, uid)
    os.chmod(path, mode)


def test_the_jobs_files_go_everywhere_it_could_write_and_nobody_elses(tmp_path):
    top = tmp_path / "tmp"
    top.mkdir(mode=0o1777)
    top.chmod(0o1777)
    make(top / "loose", JOB_UID)
    make(top / "keep-me", OTHER_UID)
    make(top / "shared", OTHER_UID, 0o1777, folder=True)  # another user's folder that anyone may write
    make(top / "shared" / "planted", JOB_UID)
    make(top / "shared" / "theirs", OTHER_UID)
    make(top / "fort", JOB_UID, 0o700, folder=True)
    make(top / "fort" / "inner", JOB_UID, 0o700, folder=True)
    make(top / "fort" / "inner" / "deep", JOB_UID)
    (top / "fort").chmod(0)  # taken away so that it survives: given back, then removed
    os.symlink("/etc", top / "link")
    os.lchown(top / "link", JOB_UID, JOB_UID)

    assert scratch.remove_owned(str(top), {JOB_UID}) is True

    assert sorted(p.name for p in top.rglob("*")) == ["keep-me", "shared", "theirs"]
    assert os.path.isdir("/etc")  # the link was removed, not followed
