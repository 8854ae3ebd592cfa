"""Command line: ``county-figures extract PATH... [-o FILE]``, ``review``, ``patterns``.

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


def input_options(command):
    """The options that say what to read and how, shared by every command
    that reads inputs (extract, review)."""
    options = [
        click.option("--county", default="", metavar="NAME",
                     help="The county every input is about (e.g. 南昌县), when the texts may not say."),
        click.option("--county-from", type=click.Choice(["text", "path"]), default="text", show_default=True,
                     help="Where to find the county: the text, or the file or folder name (房县/2023.txt)."),
        click.option("--sources", "sources_file", type=click.Path(dir_okay=False), metavar="FILE",
                     help="A manifest of the inputs (CSV or TSV: file, and any of url, county, date, "
                          "title): address, county and publication date of each input."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Files processed in parallel (default: number of cores). Output order is kept."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar."),
        click.option("--patterns", "pattern_files", multiple=True, type=click.Path(dir_okay=False),
                     metavar="FILE", help="Your own rules (units, exclusions, indicator aliases...) "
                                          "added to the built-in ones. Repeatable."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write rows to this file (format from its extension) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "xlsx", "parquet"]), default=None,
              help="Output format (default: from the -o extension, else csv).")
@click.option("--excel", is_flag=True, help="CSV for Excel/WPS: UTF-8 with BOM, formulas neutralised.")
@input_options
def extract(inputs, output, fmt, excel, **reading) -> None:
    """Read PATH... (files, folders, or - for stdin) and write one row per figure.

    Folders are walked for .txt, .html and .htm files in sorted order.
    """
    from .writer import WriterError, format_for, make_writer, renderer

    try:
        fmt = format_for(output, fmt)
    except WriterError as e:
        raise click.UsageError(str(e)) from None
    run = _Inputs(inputs, **reading)
    try:
        with _Output(output) as target:
            writer = make_writer(fmt, target, excel=excel)
            for result in run.results(render=renderer(fmt, excel=excel)):
                if result.error:
                    continue
                elif result.text:
                    writer.write_text(result.text)
                else:
                    writer.write(result.figures)
            writer.close()
    except WriterError as e:
        click.echo(f"county-figures: {e}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        _quiet_pipe()
    run.finish()


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the page to this file (review.html) instead of stdout.")
@input_options
def review(inputs, output, **reading) -> None:
    """Read PATH... as extract does and write one HTML page to check the
    figures in their text: each text with its figures marked, and a table of
    all rows, filterable, the rows to check first.
    """
    from .review import render_page

    run = _Inputs(inputs, **reading)
    documents, failed, pieces = [], [], {}
    for result in run.results(keep_document=True):
        if result.error:
            failed.append(result.error)
        pieces.setdefault(result.path, []).extend(result.figures)
        if result.done and result.document is not None:
            documents.append((result.document, pieces.pop(result.path)))
    page = render_page(documents, failed).encode("utf-8", errors="replace")
    try:
        with _Output(output) as target:
            if target is sys.stdout:
                sys.stdout.buffer.write(page)
                sys.stdout.flush()
            else:
                with open(target, "wb") as f:
                    f.write(page)
    except BrokenPipeError:
        _quiet_pipe()
    run.finish()


class _Inputs:
    """The inputs of a command with the shared input options: each result in
    order, the ones that could not be read reported on stderr, a progress bar."""

    def __init__(self, inputs, county, county_from, sources_file, jobs, quiet, pattern_files):
        from .pipeline import Options
        from .reader import iter_paths
        from .rules import PatternsError, use_overlays
        from .sources import SourcesError, load

        self.paths = list(iter_paths(list(inputs)))
        try:
            use_overlays(pattern_files)
            self.sources, problems = load(sources_file, self.paths) if sources_file else ({}, [])
        except (PatternsError, SourcesError) as e:
            raise click.UsageError(str(e)) from None
        for problem in problems:
            click.echo(f"county-figures: {problem}", err=True)
        self.options = Options(county=county, patterns=tuple(pattern_files))
        self.county_from_path = county_from == "path"
        self.jobs = jobs or os.cpu_count() or 1
        self.progress = _Progress(len(self.paths), enabled=not quiet and len(self.paths) > 1
                                  and sys.stderr.isatty())
        self.failed = 0

    def results(self, **kwargs):
        from .batch import process

        for result in process(self.paths, self.options, jobs=self.jobs,
                              county_from_path=self.county_from_path, sources=self.sources, **kwargs):
            for warning in result.warnings:     # a table row left out: the run goes on
                self.progress.clear()
                click.echo(f"county-figures: {warning}", err=True)
            if result.error:
                self.progress.clear()
                click.echo(f"county-figures: {result.error}", err=True)
                self.failed += 1
            yield result
            self.progress.step(result.count, result.done)

    def finish(self) -> None:
        """Exit: 0 when every input was read, 1 when some could not be."""
        self.progress.clear()
        sys.exit(1 if self.failed else 0)


def _quiet_pipe() -> None:
    """The reader closed the pipe (| head): stop quietly."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)


@main.command()
@click.argument("figures", metavar="FIGURES", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the panel to this file (.csv, .xlsx, .parquet) instead of stdout (CSV).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "parquet"]), default=None,
              help="Output format (default: from the -o extension, else csv).")
@click.option("--input-format", type=click.Choice(["csv", "jsonl", "xlsx", "parquet"]), default=None,
              help="Format of FIGURES (default: from its extension; csv for -).")
@click.option("--status", type=click.Choice(["actual", "target"]), default="actual", show_default=True,
              help="Which figures go in: what happened, or plans and targets.")
@click.option("--conflicts", "conflicts_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write every cell with several different values, with their mentions and "
                   "sources, to FILE (.csv, .xlsx, .parquet). XLSX output holds them on a second sheet.")
def panel(figures, output, fmt, input_format, status, conflicts_file) -> None:
    """Make a county panel of FIGURES (the output of extract, any format, or - for stdin):
    one row per area and year, one column per standard indicator and measure.

    Only figures with a standard indicator and a one-year period go in; a
    one-line summary on stderr counts what was left out and why.
    """
    from .panel import (PanelError, build_panel, input_format as format_of_input, output_format,
                        read_chunks, write_conflicts, write_panel)
    from .writer import WriterError

    try:
        fmt = output_format(output, fmt)
        conflicts_fmt = output_format(conflicts_file) if conflicts_file else None
        input_format = format_of_input(figures, input_format)
    except (WriterError, PanelError) as e:
        raise click.UsageError(str(e)) from None
    if fmt != "csv" and not output:
        raise click.UsageError(f"{fmt} output needs -o FILE")
    if figures != "-" and not os.path.exists(figures):
        raise click.UsageError(f"no such file: {figures}")
    try:
        result = build_panel(read_chunks(figures, input_format), status=status)
    except PanelError as e:
        click.echo(f"county-figures: {e}", err=True)
        sys.exit(1)
    try:
        with _Output(output) as target:
            write_panel(result, target, fmt)
        if conflicts_file:
            with _Output(conflicts_file) as target:
                write_conflicts(result, target, conflicts_fmt)
    except WriterError as e:
        click.echo(f"county-figures: {e}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    click.echo(result.summary(), err=True)


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
