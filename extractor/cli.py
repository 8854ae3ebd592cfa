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
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write rows to this file (format from its extension) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "xlsx", "parquet"]), default=None,
              help="Output format (default: from the -o extension, else csv).")
@click.option("--excel", is_flag=True, help="CSV for Excel/WPS: UTF-8 with BOM, formulas neutralised.")
@click.option("--county", default="", metavar="NAME",
              help="The county every input is about (e.g. 南昌县), when the texts may not say.")
@click.option("--county-from", type=click.Choice(["text", "path"]), default="text", show_default=True,
              help="Where to find the county: the text, or the file or folder name (房县/2023.txt).")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="A manifest of the inputs (CSV or TSV: file, and any of url, county, date, "
                   "title): address, county and publication date of each input.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Files processed in parallel (default: number of cores). Output order is kept.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Your own rules (units, exclusions, indicator aliases...) "
                                   "added to the built-in ones. Repeatable.")
def extract(inputs, output, fmt, excel, county, county_from, sources_file, jobs, quiet, pattern_files) -> None:
    """Read PATH... (files, folders, or - for stdin) and write one row per figure.

    Folders are walked for .txt, .html and .htm files in sorted order.
    """
    from .batch import process
    from .pipeline import Options
    from .reader import iter_paths
    from .rules import PatternsError, use_overlays
    from .sources import SourcesError, load
    from .writer import WriterError, format_for, make_writer, renderer

    paths = list(iter_paths(list(inputs)))
    try:
        fmt = format_for(output, fmt)
        use_overlays(pattern_files)
        sources, problems = load(sources_file, paths) if sources_file else ({}, [])
    except (WriterError, PatternsError, SourcesError) as e:
        raise click.UsageError(str(e)) from None
    for problem in problems:
        click.echo(f"county-figures: {problem}", err=True)
    progress = _Progress(len(paths), enabled=not quiet and len(paths) > 1 and sys.stderr.isatty())
    failed = 0
    try:
        with _Output(output) as target:
            writer = make_writer(fmt, target, excel=excel)
            options = Options(county=county, patterns=tuple(pattern_files))
            for result in process(paths, options, jobs=jobs or os.cpu_count() or 1,
                                  county_from_path=county_from == "path",
                                  render=renderer(fmt, excel=excel), sources=sources):
                if result.error:
                    progress.clear()
                    click.echo(f"county-figures: {result.error}", err=True)
                    failed += 1
                elif result.text:
                    writer.write_text(result.text)
                else:
                    writer.write(result.figures)
                progress.step(result.count, result.done)
            writer.close()
    except WriterError as e:
        click.echo(f"county-figures: {e}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        # The reader closed the pipe (| head): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    progress.clear()
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Your own rules file, as for extract.")
@click.option("--show", metavar="NAME", help="Print the rules NAME (e.g. units) as loaded, in YAML.")
def patterns(pattern_files, show) -> None:
    """List the rules that are loaded: built-in files and your own additions."""
    from . import rules

    try:
        rules.use_overlays(pattern_files)
    except rules.PatternsError as e:
        raise click.UsageError(str(e)) from None
    if show:
        if show not in rules.names():
            raise click.UsageError(f"unknown rules {show!r}; known: {', '.join(rules.names())}")
        import yaml
        click.echo(yaml.safe_dump(rules.load(show), allow_unicode=True, sort_keys=False), nl=False)
        return
    for name in rules.names():
        loaded = rules.load(name)
        sizes = ", ".join(f"{key} ({len(value)})" if isinstance(value, (list, dict)) else key
                          for key, value in loaded.items())
        click.echo(f"{name}: {' + '.join(rules.sources(name))}\n    {sizes}")


class _Output:
    """stdout, or a temporary path renamed onto ``path`` only when all is
    written, so an interrupted run never leaves a truncated file behind."""

    def __init__(self, path: str | None):
        self.path = path
        self.tmp = None

    def __enter__(self):
        if not self.path:
            return sys.stdout
        folder = os.path.dirname(os.path.abspath(self.path))
        fd, self.tmp = tempfile.mkstemp(prefix=".county-figures-", suffix=".tmp", dir=folder)
        os.close(fd)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)      # mkstemp makes it private; the result should not be
        return self.tmp

    def __exit__(self, exc_type, exc, tb):
        if self.tmp is None:
            return False
        if exc_type is None or (exc_type is SystemExit and exc.code in (0, 1)):
            os.replace(self.tmp, self.path)
        elif os.path.exists(self.tmp):
            os.unlink(self.tmp)
        return False


class _Progress:
    """Files and rows done, on one line of stderr (only when it is a terminal)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.files, self.rows = total, enabled, 0, 0

    def step(self, rows: int, file_done: bool = True) -> None:
        self.files += file_done
        self.rows += rows
        if self.enabled:
            click.echo(f"\r{self.files}/{self.total} files, {self.rows} rows", err=True, nl=False)

    def clear(self) -> None:
        if self.enabled and self.files:
            click.echo("\r\033[K", err=True, nl=False)


if __name__ == "__main__":
    main()
