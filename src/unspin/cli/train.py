"""``unspin train``: fine-tune the technique model (needs the ``train`` extra)."""

from __future__ import annotations

import importlib.util

import typer

from unspin.cli import app


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []})
def train(ctx: typer.Context) -> None:
    """Fine-tune the technique model on PTC; options as `python -m unspin.techniques.train --help`."""
    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("transformers") is None:
        typer.echo("error: unspin train needs the train extra: pip install 'unspin[train]'", err=True)
        raise typer.Exit(2)
    from unspin.techniques import train as recipe

    recipe.main(ctx.args)
