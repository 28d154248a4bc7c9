"""'Open as notebook': the .ipynb a topic page offers, the client archive its first cell installs, and the
notebook executed headless (nbclient + ipykernel) against a live server, grading a wrong and a right cell."""

import io
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pytest
from django.contrib.auth.models import User
from nbclient import NotebookClient

from api.models import ApiToken
from conftest import solution_of
from learning.models import Submission

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).parents[1]


@pytest.fixture
def grace_client(client, synced):
    client.force_login(User.objects.create_user("grace"))
    return client


def test_a_topic_page_offers_its_notebook(grace_client):
    page = grace_client.get("/topics/EI2/").content.decode()
    assert 'href="/topics/EI2/notebook.ipynb"' in page and "Open as notebook" in page


def test_the_notebook_has_the_lesson_a_setup_cell_and_a_submit_cell_per_exercise(grace_client, synced):
    response = grace_client.get("/topics/EI2/notebook.ipynb")
    assert response["Content-Disposition"] == 'attachment; filename="EI2.ipynb"'
    notebook = nbformat.reads(response.content.decode(), as_version=4)
    nbformat.validate(notebook)
    setup = notebook.cells[1].source
    assert "http://testserver/client/groundwork-client.tar.gz" in setup
    assert 'groundwork.login("http://testserver")' in setup and "%load_ext groundwork" in setup
    requirements = (Path(__file__).parents[1] / "requirements.txt").read_text().splitlines()
    einops = next(line.split()[0] for line in requirements if line.startswith("einops=="))
    assert f"install -q {einops}" in setup  # the grader's version, where the notebook lacks einops (Colab)
    assert notebook.cells[2].source == synced["EI2"].lesson
    for spec in synced["EI2"].exercises:
        submit = next(c for c in notebook.cells if c.source.startswith(f"%%submit EI2/{spec.id}\n"))
        assert submit.cell_type == "code" and submit.source.endswith(spec.starter.rstrip() + "\n")
        assert any(spec.statement.splitlines()[0] in c.source for c in notebook.cells if c.cell_type == "markdown")


def test_the_notebook_needs_a_signed_in_learner(client, synced):
    assert client.get("/topics/EI2/notebook.ipynb").status_code == 302


def test_the_client_archive_builds_into_the_groundwork_package(client, tmp_path):
    response = client.get("/client/groundwork-client.tar.gz")
    with tarfile.open(fileobj=io.BytesIO(response.content)) as tar:
        names = tar.getnames()
    assert "groundwork-client/pyproject.toml" in names and "groundwork-client/groundwork/magic.py" in names
    assert not any("__pycache__" in n or ".egg-info" in n for n in names)
    archive = tmp_path / "groundwork-client.tar.gz"
    archive.write_bytes(response.content)
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "wheels"),
            str(archive),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    version = tomllib.loads((ROOT / "client" / "pyproject.toml").read_text())["project"]["version"]
    assert f'__version__ = "{version}"' in (ROOT / "client" / "groundwork" / "__init__.py").read_text()
    wheel = tmp_path / "wheels" / f"groundwork_client-{version}-py3-none-any.whl"
    assert [p.name for p in wheel.parent.iterdir()] == [wheel.name]
    with zipfile.ZipFile(wheel) as built_wheel:  # the console script a learner then runs
        scripts = built_wheel.read(f"groundwork_client-{version}.dist-info/entry_points.txt").decode()
    assert "groundwork = groundwork.cli:main" in scripts


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_notebook_runs_headless_and_grades_a_wrong_then_a_right_cell(
    live_server, synced, celery_worker_process, tmp_path, monkeypatch
):
    user = User.objects.create_user("grace")
    monkeypatch.setenv("GROUNDWORK_TOKEN", ApiToken.issue(user, "notebook")[1])
    monkeypatch.setenv("GROUNDWORK_CONFIG", str(tmp_path / "config.json"))
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    generated = browser.get("/topics/EI2/notebook.ipynb").content.decode()
    notebook = nbformat.reads(generated.replace("http://testserver", live_server.url), as_version=4)
    spec = solution_of(synced, "EI2", "einsum-basics")
    cells = notebook.cells
    submit_at = next(i for i, c in enumerate(cells) if c.source.startswith("%%submit EI2/einsum-basics\n"))
    wrong, right = (
        nbformat.v4.new_code_cell(f"%%submit EI2/einsum-basics\n{code}")
        for code in (next(iter(spec.mutants.values())), spec.solution)
    )
    notebook.cells = [cells[0], cells[1], wrong, right, cells[submit_at + 1]]  # setup, two submits, the example
    NotebookClient(
        notebook, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()

    assert f"Signed in to {live_server.url} as grace." in _text(notebook.cells[1])
    failed, passed = Submission.objects.order_by("pk")
    assert (failed.status, passed.status) == ("failed", "passed")
    wrong_html, right_html = _html(notebook.cells[2]), _html(notebook.cells[3])
    assert f"Submission #{failed.pk}: Failed (" in wrong_html and "✗" in wrong_html
    first_failure = next(t for t in failed.result["tests"] if t["status"] == "failed")
    assert first_failure["name"] in wrong_html
    assert f"Submission #{passed.pk}: Passed, all tests ✓" in right_html
    assert "trace: tensor(12.)" in _text(notebook.cells[4])  # %%submit also defined the functions in the kernel


def _text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _html(cell) -> str:
    """The last HTML the cell shows (the verdict replaces the progress in place)."""
    shown = [o for o in cell.outputs if "text/html" in o.get("data", {})]
    assert shown, f"no HTML output; outputs: {cell.outputs}"
    return shown[-1]["data"]["text/html"]


@pytest.fixture
def shell(tmp_path, monkeypatch):
    """IPython's own shell with the extension loaded, signed in nowhere yet."""
    from IPython.testing.globalipapp import get_ipython

    monkeypatch.delenv("GROUNDWORK_TOKEN", raising=False)
    monkeypatch.delenv("GROUNDWORK_URL", raising=False)
    monkeypatch.setenv("GROUNDWORK_CONFIG", str(tmp_path / "config.json"))
    ip = get_ipython()
    monkeypatch.setattr(ip.display_formatter, "active_types", ["text/plain", "text/html"])  # as a notebook's
    ip.run_line_magic("load_ext", "groundwork")
    return ip


def _shown(ip, source: str) -> str:
    from IPython.utils.capture import capture_output

    with capture_output() as captured:
        ip.run_cell(source)
    return captured.stdout + "".join(o.data.get("text/html", "") for o in captured.outputs)


def test_the_magic_says_how_to_sign_in_and_when_the_server_is_down(shell, tmp_path, monkeypatch):
    import socket

    shown = _shown(shell, "%%submit EI2/einsum-basics\ndef outer(u, v):\n    return u\n")
    assert "Not signed in" in shown and "groundwork.login" in shown
    assert shell.user_ns["outer"](1, 2) == 1  # the cell still ran here
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GROUNDWORK_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("GROUNDWORK_TOKEN", "gw_whatever")
    shown = _shown(shell, "%%submit EI2/einsum-basics\nx = 1\n")
    assert "Not graded: Cannot reach the server at" in shown and "run it again to resend" in shown
    assert "Name the exercise" in _shown(shell, "%%submit\nx = 1\n")


def test_login_from_a_notebook_with_a_bad_token_says_so_without_a_traceback(shell, live_server, synced):
    shown = _shown(shell, f'import groundwork\ngroundwork.login("{live_server.url}", token="gw_wrong")')
    # IPython shows the error through the exception's _render_traceback_: the message, not the client's frames
    assert "groundwork: This API token is not known here" in shown and "Traceback" not in shown


def test_the_hint_magic_opens_the_next_hint_as_the_page_does(shell, live_server, synced, monkeypatch):
    from learning.models import HintsRevealed

    user = User.objects.create_user("grace")
    monkeypatch.setenv("GROUNDWORK_URL", live_server.url)
    monkeypatch.setenv("GROUNDWORK_TOKEN", ApiToken.issue(user, "notebook")[1])
    hints = solution_of(synced, "EI2", "einsum-basics").hints
    first = _shown(shell, "%hint EI2/einsum-basics")
    assert f"Hint 1 of {len(hints)}" in first and "Name every axis of every input" in first
    assert HintsRevealed.objects.get(user=user).count == 1
    for number in range(2, len(hints) + 1):
        assert f"Hint {number} of {len(hints)}" in _shown(shell, "%hint EI2/einsum-basics")
    assert f"All {len(hints)} hints of this exercise are shown already" in _shown(shell, "%hint EI2/einsum-basics")
    assert "Name the exercise" in _shown(shell, "%hint")
