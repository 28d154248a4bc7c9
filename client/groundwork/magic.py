"""The IPython extension: `%load_ext groundwork`, then a cell that starts with `%%submit TOPIC/EXERCISE` runs
here (so its functions can be tried in later cells) and is graded on the server; the verdict shows below the
cell as HTML, updated in place while it is queued and running ("test 3 of 8"), from the server's event stream.
`%hint TOPIC/EXERCISE` opens the exercise's next hint."""

import getpass
import os

from groundwork import config, feedback
from groundwork.api import ApiError, Client, Unauthorized, normalize_url

last = None  # the last verdict, as the API gave it: for code that wants the details


def login(url: str, token: str | None = None) -> None:
    """Sign in: the token given, else $GROUNDWORK_TOKEN, a Colab secret GROUNDWORK_TOKEN, the saved one for this
    server, else asked for (hidden). A token that works is saved for the next time."""
    url = normalize_url(url)
    token = token or os.environ.get("GROUNDWORK_TOKEN") or _colab_secret() or _saved_token(url)
    if not token:
        print(f"Make a personal token at {url}/accounts/tokens/ and paste it here.")
        token = getpass.getpass("Token: ").strip()
    with Client(url, token) as api:
        me = api.me()
    config.save(config.Config(url=url, token=token))
    print(f"Signed in to {url} as {me['username']}.")


def _colab_secret() -> str | None:
    try:
        from google.colab import userdata  # only in Colab

        return userdata.get("GROUNDWORK_TOKEN")
    except Exception:  # not in Colab, no such secret, or access not granted: ask instead
        return None


def _saved_token(url: str) -> str | None:
    try:
        saved = config.load()
    except config.NotSignedIn:
        return None
    return saved.token if saved.url == url else None


def submit_cell(shell, line: str, cell: str):
    """The %%submit cell magic."""
    global last
    from IPython.display import HTML, display

    exercise = line.strip()
    if not exercise:
        display(
            HTML(
                "<p>Name the exercise: <code>%%submit TOPIC/EXERCISE</code>, "
                "for example <code>%%submit EI2/einsum-basics</code>.</p>"
            )
        )
        return
    ran = shell.run_cell(cell)  # define the functions here too, for experiments in later cells
    if not ran.success:
        print("(That failed here, on this machine; it is graded on the server all the same.)")
    try:
        saved = config.load()
        handle = display(HTML(f"<p>Sending {exercise}…</p>"), display_id=True)
        with Client(saved.url, saved.token) as api:
            made = api.submit(exercise, cell)
            last = api.follow(made["id"], lambda s: handle.update(HTML(feedback.to_html(s))))
    except config.NotSignedIn:
        display(
            HTML(
                "<p style='color:#cf222e'>Not signed in: run <code>groundwork.login(\"https://YOUR-SERVER\")"
                "</code> first (the notebook's first cell does it).</p>"
            )
        )
        return
    except Unauthorized as e:
        display(
            HTML(
                f"<p style='color:#cf222e'>{_escape(str(e))} In a notebook: "
                f"<code>groundwork.login(URL, token=None)</code> asks for a new one.</p>"
            )
        )
        return
    except ApiError as e:
        display(
            HTML(
                f"<p style='color:#cf222e'>Not graded: {_escape(str(e))} This cell is unchanged; "
                f"run it again to resend.</p>"
            )
        )
        return
    handle.update(HTML(feedback.to_html(last)))


def hint_line(line: str):
    """The %hint line magic: `%hint TOPIC/EXERCISE` opens the exercise's next hint, one at a time as on the page."""
    from IPython.display import HTML, display

    exercise = line.strip()
    if not exercise:
        display(HTML("<p>Name the exercise: <code>%hint TOPIC/EXERCISE</code>.</p>"))
        return
    try:
        saved = config.load()
        with Client(saved.url, saved.token) as api:
            hints = api.reveal_hint(exercise)
    except config.NotSignedIn:
        display(
            HTML(
                "<p style='color:#cf222e'>Not signed in: run <code>groundwork.login(\"https://YOUR-SERVER\")"
                "</code> first.</p>"
            )
        )
        return
    except ApiError as e:  # all hints open already, or a wrong name: the server's words
        display(HTML(f"<p style='color:#9a6700'>{_escape(str(e))}</p>"))
        return
    hint = hints["revealed"][-1]
    display(
        HTML(
            f'<div class="groundwork-hint"><p style="font-weight:bold">Hint {hint["number"]} of '
            f"{hints['total']}</p>{hint['html']}</div>"
        )
    )


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def register(ipython) -> None:
    ipython.register_magic_function(lambda line, cell: submit_cell(ipython, line, cell), "cell", "submit")
    ipython.register_magic_function(hint_line, "line", "hint")
