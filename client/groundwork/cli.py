"""The `groundwork` command: sign in, list topics, fetch an exercise, run its example locally, submit it to the
server and read the feedback, see where you stand."""

import functools
import os
import subprocess
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from groundwork import __version__, config, feedback, workspace
from groundwork.api import ApiError, Client, normalize_url

out = Console(highlight=False, soft_wrap=not sys.stdout.isatty())  # piped: whole lines, for grep and logs
err = Console(stderr=True, highlight=False)
STATE_STYLES = {
    "mastered": "green",
    "in progress": "cyan",
    "available": "bold",
    "review due": "yellow",
    "locked": "dim",
}


def friendly(command):
    """Every expected failure ends in one clear line on stderr and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (ApiError, config.NotSignedIn, workspace.WorkspaceError) as e:
            err.print(f"[red]Error:[/] {e}", soft_wrap=True)
            sys.exit(1)

    return wrapper


def client() -> Client:
    saved = config.load()
    return Client(saved.url, saved.token)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="groundwork")
def main():
    """Work on groundwork exercises from your own editor: fetch one, run its example on your machine, submit it
    to your groundwork server and read the per-test feedback the web page gives.

    \b
    First time:
      groundwork login https://YOUR-SERVER     (paste a token from YOUR-SERVER/accounts/tokens/)
      groundwork topics
      groundwork fetch EI2/einsum-basics
      cd EI2/einsum-basics
      groundwork run                           (edit einsum_basics.py until the example looks right)
      groundwork submit                        (shows each test as it runs, then the feedback)
      groundwork hint                          (stuck? hints open one at a time)

    In Jupyter or Colab: `%load_ext groundwork`, then `%%submit TOPIC/EXERCISE` atop a cell grades it and
    `%hint TOPIC/EXERCISE` opens a hint.

    The sign-in is kept in ~/.config/groundwork/config.json (or $GROUNDWORK_CONFIG); GROUNDWORK_URL and
    GROUNDWORK_TOKEN override it.
    """


@main.command(short_help="Sign in to your server with a personal token.")
@click.argument("url")
@click.option("--token", envvar="GROUNDWORK_TOKEN", help="Your personal API token (asked for when not given).")
@friendly
def login(url, token):
    """Sign in to the server at URL with a personal API token.

    Make the token on your account page (URL/accounts/tokens/); it is checked, then saved for the other
    commands. The token can also come from --token or GROUNDWORK_TOKEN (it then shows in your shell history or
    environment; being asked for it does not).
    """
    url = normalize_url(url)
    if not token:
        out.print(f"Make a token at {url}/accounts/tokens/ and paste it here (it is not shown).")
        token = click.prompt("Token", hide_input=True).strip()
    me = Client(url, token).me()
    where = config.save(config.Config(url=url, token=token))
    out.print(f"Signed in to {url} as [bold]{me['username']}[/]. (Saved in {where}.)")


@main.command(short_help="List the topics and where you stand.")
@friendly
def topics():
    """List the topics, with your state in each and what is next up."""
    api = client()
    me, rows = api.me(), api.topics()
    table = Table("Topic", "Title", "State", "Exercises", "Minutes", box=None, pad_edge=False)
    for t in rows:
        style = STATE_STYLES.get(t["state"], "")
        table.add_row(
            t["id"],
            t["title"],
            f"[{style}]{t['state']}[/]" if style else t["state"],
            f"{t['exercises_passed']}/{t['exercises_required']}",
            str(t["minutes"]),
        )
    out.print(table)
    if me["next_up"]:
        out.print(f"Next up: {', '.join(me['next_up'])}. `groundwork fetch TOPIC` lists a topic's exercises.")


@main.command(short_help="Fetch an exercise into a folder of its own.")
@click.argument("exercise", metavar="TOPIC/EXERCISE")
@click.option(
    "--dir",
    "parent",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="Where to make the TOPIC/EXERCISE folder (default: here).",
)
@click.option("--force", is_flag=True, help="Replace your file with the starter code again.")
@friendly
def fetch(exercise, parent, force):
    """Fetch an exercise, e.g. EI2/einsum-basics, into a folder: your file (the starter), README.md (the
    statement) and example.py (calls your functions, run by `groundwork run`).

    Fetching again refreshes README.md and example.py and keeps your file unless --force.
    `groundwork fetch TOPIC` (no exercise) lists the topic's exercises.
    """
    if "/" not in exercise.strip("/"):  # a topic: say which exercises it has
        detail = client().topic(exercise.strip("/"))
        out.print(f"{detail['id']} {detail['title']} has these exercises; fetch one as {detail['id']}/EXERCISE:")
        for e in detail["exercises"]:
            out.print(f"  {detail['id']}/{e['slug']}  {e['title']}" + ("  [green]✓ passed[/]" if e["passed"] else ""))
        return
    ws, kept = workspace.create(parent, client().exercise(exercise), force=force)
    shown = os.path.relpath(ws.folder)
    out.print(
        f"Fetched {ws.exercise} into {shown}/: {ws.file} ("
        + ("your file, kept as it was" if kept else "the starter")
        + "), README.md, example.py."
    )
    out.print(
        f"Next: cd {shown}, write {', '.join(ws.entry_points)} in {ws.file}, then `groundwork run` "
        f"and `groundwork submit`."
    )


@main.command(short_help="Run the exercise's example on your machine.")
@friendly
def run():
    """Run the exercise's example (example.py) on your machine, with your code."""
    ws = workspace.find(Path.cwd())
    if not ws.path.exists():
        raise workspace.WorkspaceError(f"{ws.file} is missing; `groundwork fetch {ws.exercise}` makes it again.")
    code = subprocess.call([sys.executable, "example.py"], cwd=ws.folder)
    if code != 0:
        err.print(f"[red]example.py stopped with an error (exit status {code}).[/] The traceback above says where.")
    sys.exit(code)


@main.command(short_help="Submit your file and read the feedback.")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--resend", is_flag=True, help="Send the submission that failed to send before, as it was.")
@friendly
def submit(file, resend):
    """Submit your file (default: the exercise's file) to be graded; shows its progress as it happens (queued,
    "test 3 of 8"), then the feedback. Ctrl-C stops watching; the grading goes on, and `groundwork status` shows
    its verdict.

    Exit status 0 when it passed. A submit that fails to send is kept in .groundwork-pending.json;
    `groundwork submit --resend` sends it again.
    """
    ws = workspace.find(file.parent if file else Path.cwd())
    pending = workspace.load_pending(ws)
    if resend:
        if pending is None:
            raise workspace.WorkspaceError("There is no submission waiting to be re-sent in this folder.")
        code, name = pending["code"], pending["file"]
    else:
        path = file or ws.path
        if not path.is_file():
            raise workspace.WorkspaceError(
                f"{path} does not exist; `groundwork fetch {ws.exercise}` makes {ws.file} again."
            )
        code, name = path.read_text(), path.name
        if pending and pending["code"] != code:
            err.print(
                f"[yellow]A submission from {pending['saved_at']} was never sent and differs from {name} now;"
                f"[/] sending {name}. (`groundwork submit --resend` sends the older one.)"
            )
    problem = workspace.problem_with(code, ws.entry_points, name)
    if problem:
        raise workspace.WorkspaceError(problem)
    api = client()
    workspace.save_pending(ws, code, name)
    try:
        made = api.submit(ws.exercise, code)
    except ApiError as e:
        raise ApiError(
            f"{e}\nYour submission was not sent; it is kept in {workspace.PENDING}. "
            f"Run `groundwork submit --resend` to send it again."
        ) from e
    workspace.clear_pending(ws)
    ws.last_submission = made["id"]
    ws.save()
    done = follow(api, made)
    out.print(feedback.render(done))
    sys.exit(0 if done["status"] == "passed" else 1)


def follow(api: Client, submission: dict) -> dict:
    """Follow the submission to its verdict through the server's push channel, showing the page's words for each
    state on the way ("Running your code… test 3 of 8"), in place on a terminal."""
    if not out.is_terminal:  # piped or logged: one line on stderr each time the state changes
        seen = set()

        def note(s):
            if s["state"] != "done" and s["headline"] not in seen:
                seen.add(s["headline"])
                err.print(s["headline"], soft_wrap=True)

        return api.follow(submission["id"], note)
    with out.status(submission["headline"]) as status:
        try:
            return api.follow(submission["id"], lambda s: status.update(s["headline"]))
        except KeyboardInterrupt:
            raise ApiError(
                f"Stopped watching; submission #{submission['id']} is still being graded. "
                f"`groundwork status` shows its verdict."
            ) from None


@main.command(short_help="Open the exercise's next hint.")
@click.argument("exercise", metavar="[TOPIC/EXERCISE]", required=False)
@click.option("--shown", is_flag=True, help="Show the hints opened so far; open no new one.")
@friendly
def hint(exercise, shown):
    """Open the next hint of the exercise in this folder (or of TOPIC/EXERCISE) and show it.

    Hints open one at a time, in order, as on the exercise page; the page shows the same ones open, and the
    last hint is close to the answer. --shown prints the ones opened so far.
    """
    api = client()
    exercise = exercise or workspace.find(Path.cwd()).exercise
    if shown:
        hints = api.exercise(exercise)["hints"]
        if not hints["revealed"]:
            out.print(
                f"No hint of {exercise} is open yet ({hints['total']} in all); `groundwork hint` opens the first."
            )
        for h in hints["revealed"]:
            show_hint(h, hints["total"])
        return
    try:
        hints = api.reveal_hint(exercise)
    except ApiError as e:
        if e.status != 400:  # all open already, or none at all: say so, and how to read them again
            raise
        out.print(f"[yellow]{e}[/] `groundwork hint --shown` prints the ones you opened.", soft_wrap=True)
        return
    show_hint(hints["revealed"][-1], hints["total"])
    if len(hints["revealed"]) > 1:
        out.print(f"[dim]`groundwork hint --shown` prints hints 1 to {len(hints['revealed'])} again.[/]")


def show_hint(hint: dict, total: int) -> None:
    out.print(f"[bold]Hint {hint['number']} of {total}[/]")
    out.print(Markdown(hint["markdown"]))


@main.command(short_help="Your last verdict here, or where you stand.")
@friendly
def status():
    """In an exercise folder: your last submission's verdict. Elsewhere: where you stand overall."""
    api = client()
    try:
        ws = workspace.find(Path.cwd())
    except workspace.WorkspaceError:
        ws = None
    if ws is None:
        me = api.me()
        out.print(
            f"Signed in to {api.url} as [bold]{me['username']}[/]. Mastered {me['topics_mastered']} of "
            f"{me['topics']} topics"
            + (f"; goal {me['goal']}, about {me['minutes_left']} minutes left." if me["goal"] else ".")
        )
        if me["next_up"]:
            out.print(f"Next up: {', '.join(me['next_up'])}.")
        return
    if workspace.load_pending(ws):
        out.print("[yellow]A submission is waiting to be sent:[/] `groundwork submit --resend` sends it.")
    if ws.last_submission is None:
        out.print(f"{ws.exercise}: nothing submitted from this folder yet. `groundwork submit` grades {ws.file}.")
        return
    out.print(feedback.render(api.submission(ws.last_submission)))
