"""A topic as a Jupyter notebook (nbformat 4): the lesson, then for each exercise its statement, its starter in
a `%%submit` cell and its example in a cell of its own. The first cell installs the `groundwork` client from this
server and signs in with a personal token, so the notebook runs the same in a local Jupyter and in Colab.

The client is installed from the server itself (client_tarball below), not from a git URL: the server is the one
address the learner already has, its client always matches its API, and a self-hosted site needs no public
repository for it."""

import io
import tarfile

import nbformat
from django.conf import settings
from django.urls import reverse
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

TARBALL_NAME = "groundwork-client.tar.gz"
EINOPS = "einops==0.8.2"  # as the grader has it (requirements.txt); Colab brings torch but not einops
SKIP_PARTS = {"__pycache__", "build", "dist"}


def topic_notebook(topic, exercises, base_url: str) -> str:
    """The notebook's JSON. base_url is the site's root, e.g. "https://learn.example.org"."""
    base = base_url.rstrip("/")
    cells = [
        new_markdown_cell(
            f"# {topic.id} · {topic.title}\n\n"
            f"From {base}{topic.get_absolute_url()}. Run the first cell once: it installs the "
            f"`groundwork` client and signs you in. Each exercise's code cell starts with `%%submit`: "
            f"running it defines your functions here and grades them on the server, which shows the "
            f"feedback below the cell. A GPU in this notebook (Colab's, say) is yours for experiments; "
            f"grading happens on the server."
        ),
        new_code_cell(_setup_code(base)),
        new_markdown_cell(topic.lesson or topic.title),
    ]
    for e in exercises:
        cells += [
            new_markdown_cell(
                f"## Exercise: {e.title}\n\n{e.statement}\n\n"
                f"Write {', '.join(f'`{name}`' for name in e.entry_points)} in the cell below, then run "
                f"it to submit. [This exercise on the site]({base}{e.get_absolute_url()})."
            ),
            new_code_cell(f"%%submit {e.topic_id}/{e.slug}\n{e.starter.rstrip()}\n"),
        ]
        if e.example.strip():
            cells.append(new_code_cell(f"# Try your functions here (the exercise's example)\n{e.example.rstrip()}\n"))
    notebook = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "groundwork": {"server": base, "topic": topic.id},
        },
    )
    nbformat.validate(notebook)
    return nbformat.writes(notebook)


def _setup_code(base: str) -> str:
    return (
        f"# Installs the groundwork client from {base} (once) and signs you in: paste a personal token from\n"
        f"# {base}{reverse('api_tokens')} when asked, or set the GROUNDWORK_TOKEN environment variable\n"
        f"# (in Colab, a secret of that name).\n"
        f"import importlib.util\n"
        f'if importlib.util.find_spec("groundwork") is None:\n'
        f'    get_ipython().run_line_magic("pip", "install -q {base}{reverse("client_tarball")}")\n'
        f'if importlib.util.find_spec("einops") is None:  # the exercises use it; torch is assumed\n'
        f'    get_ipython().run_line_magic("pip", "install -q {EINOPS}")\n'
        f"import groundwork\n"
        f'groundwork.login("{base}")\n'
        f"%load_ext groundwork\n"
    )


def client_tarball() -> bytes:
    """client/ as a source archive that `pip install URL` builds (its pyproject.toml names the build backend)."""
    root = settings.CLIENT_DIR
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in sorted(root.rglob("*")):
            parts = path.relative_to(root).parts
            if path.is_file() and not SKIP_PARTS & set(parts) and not any(p.endswith(".egg-info") for p in parts):
                tar.add(path, arcname=f"groundwork-client/{path.relative_to(root)}", recursive=False)
    return buffer.getvalue()
