"""The ``unspin`` command: typer sub-commands over the Python API (no analysis logic here)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="unspin",
    help="Show how a news article tries to persuade, and where it comes from.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    """Each command lives in its own module; importing it adds it to ``app``."""
    from unspin.cli import analyze  # noqa: F401
    from unspin.cli import bench  # noqa: F401
    from unspin.cli import bench_techniques  # noqa: F401
    from unspin.cli import corpus  # noqa: F401
    from unspin.cli import ptc  # noqa: F401
    from unspin.cli import serve  # noqa: F401
    from unspin.cli import train  # noqa: F401


_register()


def main() -> None:
    app()
