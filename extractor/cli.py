"""Command line: ``county-figures extract PATH... [-o FILE]``.

Thin on purpose: it parses options and calls the library. Data goes to stdout
(or ``-o``), messages to stderr. Exit status: 0 all inputs read, 1 some input
could not be read, 2 bad usage.
"""
from __future__ import annotations

import os
import sys
import tempfile

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="county-figures")
def main() -> None:
    """Extract every statistical figure of Chinese county articles as tidy rows."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write rows to this file instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default=None,
              help="Output format (default: from the -o extension, else csv).")
@click.option("--county", default="", metavar="NAME",
              help="The county every input is about (e.g. 南昌县), when the text may not say.")
def extract(inputs: tuple[str, ...], output: str | None, fmt: str | None, county: str) -> None:
    """Read PATH... (files, folders, or - for stdin) and write one row per figure.

    Folders are walked for .txt, .html and .htm files in sorted order.
    """
    from .pipeline import Options, extract_document
    from .reader import InputError, iter_paths, read_document
    from .writer import Writer

    fmt = fmt or ("jsonl" if output and output.endswith((".jsonl", ".ndjson")) else "csv")
    options = Options(county=county)
    failed = 0
    with _open_output(output) as out:
        writer = Writer(out, fmt)
        for path in iter_paths(list(inputs)):
            try:
                doc = read_document(path)
            except InputError as e:
                click.echo(f"county-figures: {e}", err=True)
                failed += 1
                continue
            writer.write(extract_document(doc, options))
            out.flush()
    sys.exit(1 if failed else 0)


class _open_output:
    """stdout, or a temporary file renamed onto ``path`` only when all is
    written, so an interrupted run never leaves a truncated file behind."""

    def __init__(self, path: str | None):
        self.path = path

    def __enter__(self):
        if not self.path:
            return sys.stdout
        folder = os.path.dirname(os.path.abspath(self.path))
        fd, self.tmp = tempfile.mkstemp(prefix=".county-figures-", suffix=".tmp", dir=folder)
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.file

    def __exit__(self, exc_type, exc, tb):
        if not self.path:
            return False
        self.file.close()
        if exc_type is None or exc_type is SystemExit:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)
        return False


if __name__ == "__main__":
    main()
