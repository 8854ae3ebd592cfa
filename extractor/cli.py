"""Command line: ``county-figures extract PATH... [-o FILE]``.

Thin on purpose: it parses options and calls the library. Data goes to stdout
(or ``-o``), messages to stderr, one line each. Exit status (``EXIT_STATUS``):
0 every input read and all rows written; 1 some input could not be read (the
rows of the others are written); 2 bad usage; 3 the output could not be
written; 128 + N stopped by signal N (130 Ctrl-C, 129 SIGHUP, 143 SIGTERM).
"""
from __future__ import annotations

import os
import signal
import sys

import click

OK, INPUT_FAILED, USAGE, OUTPUT_FAILED, SIGNALLED = 0, 1, 2, 3, 128
EXIT_STATUS = """\b
Exit status:
  0      every input read, all rows written
  1      some input could not be read (one line each on stderr);
         the rows of the others are written
  2      bad usage: an option, the format, a rules file, the county
  3      the output could not be written (no such folder, no
         permission, disk full); no half-written file is left
  128+N  stopped by signal N: 130 Ctrl-C, 129 SIGHUP, 143 SIGTERM
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="county-figures")
def main() -> None:
    """Extract every statistical figure of Chinese county articles as tidy rows."""


@main.command(epilog=EXIT_STATUS)
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", type=click.Path(),
              help="Write rows to this file (format from its extension) instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "xlsx", "parquet"]), default=None,
              help="Output format (default: from the -o extension, else csv).")
@click.option("--excel", is_flag=True, help="CSV for Excel/WPS: UTF-8 with BOM, formulas neutralised "
                                            "(XLSX output is always safe).")
@click.option("--county", default="", metavar="NAME",
              help="The county every input is about (e.g. 南昌县), when the texts may not say.")
@click.option("--county-from", type=click.Choice(["text", "path"]), default="text", show_default=True,
              help="Where to find the county: the text, or the file or folder name (房县/2023.txt).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Files processed in parallel (default: number of cores). Output order is kept.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--patterns", "pattern_files", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Your own rules (units, exclusions, indicator aliases...) "
                                   "added to the built-in ones. Repeatable.")
def extract(inputs, output, fmt, excel, county, county_from, jobs, quiet, pattern_files) -> None:
    """Read PATH... (files, folders, or - for stdin) and write one row per figure.

    Folders are walked for .txt, .html and .htm files in sorted order
    (following links to folders, each folder once). A row's source is the
    file's path relative to the PATH it was found in.
    """
    from .batch import Stopped, process, stop_on_signals
    from .faults import warnings_as_lines
    from .output import Output, OutputError
    from .pipeline import Options
    from .reader import iter_inputs
    from .rules import PatternsError, use_overlays
    from .writer import WriterError, format_for, make_writer, renderer

    try:
        fmt = format_for(output, fmt)
        use_overlays(pattern_files)
        county = _official_county(county)
    except (WriterError, PatternsError) as e:
        raise click.UsageError(str(e)) from None
    if excel and fmt != "csv":
        _say(f"--excel applies to CSV only; {fmt} output is written as usual"
            + (" (XLSX is always safe to open)" if fmt == "xlsx" else ""))
    failed = 0
    progress = None
    out = Output(output)
    try:
        with stop_on_signals(), warnings_as_lines(_say), out as target:
            try:
                writer = make_writer(fmt, target, excel=excel)
            except WriterError as e:
                raise click.UsageError(str(e)) from None
            items = list(iter_inputs(list(inputs)))
            progress = _Progress(len(items), enabled=not quiet and len(items) > 1 and sys.stderr.isatty())
            options = Options(county=county, patterns=tuple(pattern_files))
            for result in process(items, options, jobs=jobs or os.cpu_count() or 1,
                                  county_from_path=county_from == "path",
                                  render=renderer(fmt, excel=excel)):
                for line in result.warnings:
                    progress.clear()
                    _say(line)
                if result.text:
                    writer.write_text(result.text)
                elif result.figures:
                    writer.write(result.figures)
                if result.error:
                    progress.clear()
                    _say(result.error)
                    failed += result.done
                progress.step(result.count, result.done)
            writer.close()
            out.commit()
    except BrokenPipeError:
        # The reader closed the pipe (| head): stop quietly.
        _detach_stdout()
        sys.exit(OK)
    except (OutputError, WriterError) as e:
        _stopped_output(progress, output)
        _say(str(e))
        sys.exit(OUTPUT_FAILED)
    except OSError as e:        # writing: disk full, file too large, device gone
        _stopped_output(progress, output)
        _say(f"cannot write {out.describe()}: {e.strerror or e}")
        sys.exit(OUTPUT_FAILED)
    except KeyboardInterrupt:
        _stopped_output(progress, output)
        sys.exit(SIGNALLED + signal.SIGINT)
    except Stopped as e:
        _stopped_output(progress, output)
        sys.exit(SIGNALLED + e.signum)
    if progress:
        progress.clear()
    sys.exit(INPUT_FAILED if failed else OK)


def _say(line: str) -> None:
    click.echo(f"county-figures: {line}", err=True)


def _official_county(county: str) -> str:
    if not county:
        return ""
    from .gazetteer import UnknownPlace, official_name

    try:
        return official_name(county)
    except UnknownPlace as e:
        raise click.UsageError(str(e)) from None


def _stopped_output(progress, output) -> None:
    if progress:
        progress.clear()
    if not output:
        _detach_stdout()


def _detach_stdout() -> None:
    """Point stdout at the null device, so that Python's last flush at exit
    does not fail again on a closed pipe or a full disk."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
