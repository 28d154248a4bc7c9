"""groundwork: work on the platform's exercises from a terminal, an editor or a notebook.

In a notebook: `%load_ext groundwork`, then `%%submit EI2/einsum-basics` grades a cell (see groundwork.magic)."""

__version__ = "0.2.1"  # 0.2: event stream, `groundwork hint`; 0.2.1: a Run is never green


def login(url: str, token: str | None = None) -> None:
    """Sign in from a notebook: checks the token and saves it (see groundwork.magic.login)."""
    from groundwork.magic import login as _login

    return _login(url, token)


def load_ipython_extension(ipython):
    from groundwork.magic import register

    register(ipython)
