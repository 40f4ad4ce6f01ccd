"""``kg add`` and ``kg remove``: update a built folder without extracting its papers again."""

from __future__ import annotations

from pathlib import Path

import click

from kg.builder.limits import DEFAULT_MAX_CHARS
from kg.cli.common import FORMATS, clean_errors
from kg.errors import InputError

__all__ = ["add", "remove"]

_TO = click.Path(file_okay=False, exists=False, path_type=Path)


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "folder", type=_TO, required=True, help="A folder made by `kg build` (it holds extractions.jsonl).")
@click.option("--replace", is_flag=True, help="Replace a paper whose id is known but whose content differs.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Input format (default: from the extension; for - from the content).")
@click.option("--map", "column_map", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD from the CSV column or JSON field COLUMN, as for kg build. Repeatable.")
@click.option("--skip-bad", is_flag=True, help="Skip malformed records (each is reported) instead of stopping.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also load the updated graph into the on-disk Oxigraph store in this folder.")
@click.option("--no-validate", is_flag=True, help="Skip the check against the shapes.")
@click.option("--processes", "-j", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for extracting the new papers and validating.")
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True,
              help="Papers per batch written, loaded and validated (the output does not depend on it).")
@click.option("--max-chars", type=click.IntRange(1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Longest title or abstract read; a longer one is a malformed record (see --skip-bad).")
@click.option("--quiet", "-q", is_flag=True, help="Print no progress or summary.")
def add(inputs: tuple[Path, ...], folder: Path, replace: bool, fmt: str | None, column_map: tuple[str, ...],
        skip_bad: bool, store_dir: Path | None, no_validate: bool, processes: int, batch_size: int, max_chars: int,
        quiet: bool) -> None:
    """Add the papers of INPUTS to the graph in the folder --to, extracting only the new ones.

    Papers already in the folder (same id, same content) are left as they
    are; a known id with a different title, abstract or metadata is an error
    unless --replace. Every output in the folder is written again from its
    extraction cache (extractions.jsonl), with the threshold and pipeline it
    was built with: the graph is the one `kg build` of all the papers makes.

    Example: kg add new-papers.jsonl --to my-graph
    """
    from kg.builder.update import UpdateOptions, add_papers
    from kg.ingest import mapped_columns, parse_column_map

    def on_error(err: InputError) -> None:
        click.echo(f"skipped: {err}", err=True)

    with clean_errors(), mapped_columns(parse_column_map(column_map)):
        options = UpdateOptions(processes, batch_size, not no_validate, store_dir, quiet)
        add_papers(list(inputs), folder, options, fmt=fmt, replace=replace,
                   on_error=on_error if skip_bad else None, max_chars=max_chars)


@click.command()
@click.argument("ids", nargs=-1, required=True)
@click.option("--from", "folder", type=_TO, required=True, help="A folder made by `kg build`.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also load the updated graph into the on-disk Oxigraph store in this folder.")
@click.option("--no-validate", is_flag=True, help="Skip the check against the shapes.")
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True,
              help="Papers per batch written, loaded and validated (the output does not depend on it).")
@click.option("--quiet", "-q", is_flag=True, help="Print no progress or summary.")
def remove(ids: tuple[str, ...], folder: Path, store_dir: Path | None, no_validate: bool, batch_size: int,
           quiet: bool) -> None:
    """Take the papers IDS (their input ids) out of the graph in the folder --from.

    Example: kg remove 2403.01234 --from my-graph
    """
    from kg.builder.update import UpdateOptions, remove_papers

    with clean_errors():
        remove_papers(list(ids), folder, UpdateOptions(1, batch_size, not no_validate, store_dir, quiet))
