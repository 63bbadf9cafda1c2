"""``unspin serve``: the web page and REST API on one machine (needs the ``server`` extra)."""

from __future__ import annotations

import os

import typer

from unspin.cli import app
from unspin.cli.options import SPEAKERS_HELP, Speakers


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on; 0.0.0.0 exposes it to the network."),
    port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
    processes: int = typer.Option(
        1, min=1, max=64, help="Server processes; each loads the models once and runs 2 analyses at a time."
    ),
    speakers: Speakers = typer.Option(Speakers.learned, "--speakers", help=SPEAKERS_HELP),
) -> None:
    """Serve the web page at / and the REST API under /api (OpenAPI docs at /docs)."""
    try:
        import uvicorn

        from unspin.server.app import SPEAKERS_VARIABLE  # fail here, with the hint below, if the extra is missing
    except ImportError as exc:
        typer.echo(f"unspin serve needs the server extra ({exc.name} is missing): pip install 'unspin[server]'", err=True)
        raise typer.Exit(2) from None
    os.environ[SPEAKERS_VARIABLE] = speakers.value  # read by every server process's create_app
    # Keep-alive longer than clients' usual idle expiry (httpx, browsers: ~5 s), so a client never
    # reuses a connection the server is closing at that moment.
    uvicorn.run(
        "unspin.server:create_app",
        factory=True,
        host=host,
        port=port,
        workers=processes,
        log_level="info",
        timeout_keep_alive=20,
    )
