"""Thin Typer commands over the importable API.

Exit codes: 0 ok, 1 partial (some inputs skipped, listed on stderr), 2 usage error.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .settings import Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="tabayyun (تبيّن): many Arabic news articles in, one source-attributed dossier out.",
)
# soft_wrap: one-line messages (paths, tokens) are never broken at 80 columns
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


NER_HELP = ("Named-entity tagger: fast (CRF, the default) or accurate (fine-tuned encoder: better "
            "names, ~1.2 s per article; needs pip install 'tabayyun[accurate]').")


def _ner_mode(ner: str) -> str:
    ner = ner.lower()
    if ner not in ("fast", "accurate"):
        err.print(f"error: --ner must be fast or accurate, not {ner!r}")
        raise typer.Exit(EXIT_USAGE)
    if ner == "accurate":
        from .extract.ner_encoder import EncoderMissing, load_encoder

        try:
            load_encoder()
        except EncoderMissing as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(EXIT_USAGE) from None
    return ner


def _settings(max_bytes: int, text_field, date_field, outlet_field, title_field, url_field,
              ner: str = "fast") -> Settings:
    s = Settings(max_bytes=max_bytes, ner=_ner_mode(ner))
    fields = {
        "text_fields": text_field, "date_fields": date_field, "outlet_fields": outlet_field,
        "title_fields": title_field, "url_fields": url_field,
    }
    return replace(s, **{k: tuple(v) for k, v in fields.items() if v})


def _run(paths: list[str], settings: Settings, quiet: bool):
    from .api import analyse

    if quiet:
        return analyse(paths, settings)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("analyse", total=None)
        return analyse(paths, settings, progress=lambda i, n: bar.update(task, completed=i, total=n))


def _write_outputs(dossier, html: Path | None, json_out: Path | None, md: Path | None, full: bool) -> list[Path]:
    from .report.html import to_html
    from .report.json import to_json
    from .report.markdown import to_markdown

    written = []
    for path, render in ((html, to_html), (json_out, lambda d: to_json(d, full=full)), (md, to_markdown)):
        if path is None:
            continue
        if str(path) == "-":
            sys.stdout.write(render(dossier))
            continue
        _write_file(path, render(dossier))
        written.append(path)
    return written if all(str(p) != "-" for p in (html, json_out, md) if p) else written + [Path("-")]


MAX_TABLE_ROWS = 40  # articles listed in the terminal summary


def _write_file(path: Path, text: str) -> None:
    """Write an output file, creating its folder; a path that cannot be written
    (a directory, no permission, a full disk) ends the run with a one-line reason."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        err.print(f"error: cannot write {path}: {exc.strerror or exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_USAGE) from None


def _summary(dossier, quiet: bool, console: Console | None = None) -> None:
    # one line per item, never wrapped: people grep these
    for k in dossier.skipped:
        print(f"skipped: {k.source}: {k.reason}", file=sys.stderr)
    if quiet:  # -q: only errors and skipped inputs; the notes stay in the report
        return
    for n in dossier.notes:
        print(f"note: {n}", file=sys.stderr)
    t = Table(title=f"{len(dossier.sources)} articles from {dossier.inputs} inputs ({len(dossier.skipped)} skipped)")
    for col in ("source", "outlet", "published", "lang", "chars", "cleaned", "duplicate"):
        t.add_column(col)
    labels = {s.article: s.label for s in dossier.sources}
    for s in dossier.sources[:MAX_TABLE_ROWS]:
        t.add_row(
            s.label,
            f"{s.outlet} ({s.outlet_how})" if s.outlet else "-",
            f"{s.published.value} ({s.published.how})" if s.published.value else "-",
            s.language or "?",
            str(s.chars),
            ", ".join(r.reason for r in s.removed) or "-",
            (f"of {labels.get(s.duplicate_of)}" if s.duplicate_of else "")
            + (f" +{len(s.also_from)} identical" if s.also_from else ""),
        )
    if len(dossier.sources) > MAX_TABLE_ROWS:  # a day of news is thousands of lines otherwise
        t.caption = f"… and {len(dossier.sources) - MAX_TABLE_ROWS} more articles (all of them are in the report)"
    (console or out).print(t)


def _kinds(package: str) -> list[str]:
    """The scorer/trainer modules present (the help named a fixed, stale list)."""
    import pkgutil

    here = Path(__file__).parent / package
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


Paths = typer.Argument(..., help="Files, directories (recursive), globs, or - for stdin.")


@app.command()
def analyze(
    paths: list[str] = Paths,
    html: Optional[Path] = typer.Option(None, "-o", "--html", help="Write the HTML report here."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the JSON dossier here."),
    md: Optional[Path] = typer.Option(None, "--md", help="Write the Markdown report here."),
    full: bool = typer.Option(False, "--full", help="JSON includes tokens and raw input text."),
    open_report: bool = typer.Option(False, "--open", help="Open the HTML report in a browser."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Only errors and skipped inputs."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Log what each stage does."),
    max_bytes: int = typer.Option(Settings().max_bytes, help="Skip single-document files larger than this."),
    text_field: list[str] = typer.Option([], help="JSON field holding the text (repeatable)."),
    date_field: list[str] = typer.Option([], help="JSON field holding the publication date."),
    outlet_field: list[str] = typer.Option([], help="JSON field holding the outlet."),
    title_field: list[str] = typer.Option([], help="JSON field holding the title."),
    url_field: list[str] = typer.Option([], help="JSON field holding the URL."),
    split_stories: Optional[Path] = typer.Option(
        None, "--split-stories",
        help="Sort the articles into stories and write one report per story into this folder "
             "(<story>/report.html, dossier.json, dossier.md, and index.html listing them)."),
    ner: str = typer.Option("fast", "--ner", help=NER_HELP),
):
    """Analyse articles and write a dossier.

    Example: tabayyun analyze news/*.txt -o report.html --json dossier.json
    """
    _setup_logging(verbose)
    settings = _settings(max_bytes, text_field, date_field, outlet_field, title_field, url_field, ner)
    if split_stories is not None:
        if html or json_out or md:
            err.print("error: --split-stories writes a report per story: use it without -o, --json or --md")
            raise typer.Exit(EXIT_USAGE)
        _split(paths, settings, split_stories, quiet, open_report)
    dossier = _run(paths, settings, quiet)
    from .stories import mixed_stories_note

    mixed = mixed_stories_note(dossier, settings)
    if mixed:
        dossier = replace(dossier, notes=tuple(dossier.notes) + (mixed,))
    # "--json -" pipes the dossier: the table must not end up inside it
    to_stdout = any(str(p) == "-" for p in (html, json_out, md) if p)
    _summary(dossier, quiet, err if to_stdout else out)
    written = _write_outputs(dossier, html, json_out, md, full)
    for p in written:
        if not quiet and str(p) != "-":
            out.print(f"wrote {p}", highlight=False, soft_wrap=True)
    if not written and not quiet:
        out.print("(no output file asked for: add -o report.html, --json out.json or --md out.md)")
    if open_report and html:
        import webbrowser

        webbrowser.open(html.resolve().as_uri())
    if not dossier.articles:
        raise typer.Exit(EXIT_PARTIAL if dossier.inputs else EXIT_USAGE)
    raise typer.Exit(EXIT_PARTIAL if dossier.skipped else EXIT_OK)


def _split(paths: list[str], settings: Settings, folder: Path, quiet: bool, open_report: bool) -> None:
    """analyze --split-stories: one dossier and report per story, and an index."""
    from .stories import analyse_stories, write_stories

    if quiet:
        split = analyse_stories(paths, settings)
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("analyse", total=None)
            split = analyse_stories(paths, settings, progress=lambda i, n: bar.update(task, completed=i, total=n))
    for k in split.skipped:
        print(f"skipped: {k.source}: {k.reason}", file=sys.stderr)
    if not quiet:
        for n in split.notes:
            print(f"note: {n}", file=sys.stderr)
    try:
        index = write_stories(folder, split)[0]
    except OSError as exc:
        err.print(f"error: cannot write {folder}: {exc.strerror or exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    merged = sum(d.inputs - len(d.articles) for d in split.stories.values())
    if not quiet:
        out.print(f"{split.inputs} inputs: {split.articles} articles in {len(split.stories)} stories, "
                  f"{merged} merged copies, {len(split.skipped)} skipped", highlight=False, soft_wrap=True)
        out.print(f"wrote {index} (one folder per story)", highlight=False, soft_wrap=True)
    if open_report:
        import webbrowser

        webbrowser.open(index.resolve().as_uri())
    if not split.articles:
        raise typer.Exit(EXIT_PARTIAL if split.inputs else EXIT_USAGE)
    raise typer.Exit(EXIT_PARTIAL if split.skipped else EXIT_OK)


def example_dir() -> Path:
    return Path(str(resources.files("tabayyun").joinpath("examples/karabakh-2023")))


@app.command()
def demo(
    out_dir: Path = typer.Option(Path("tabayyun-demo"), "--out", help="Folder for report.html, dossier.json, dossier.md."),
    open_report: bool = typer.Option(False, "--open", help="Open the HTML report in a browser."),
    quiet: bool = typer.Option(False, "-q", "--quiet"),
    ner: str = typer.Option("fast", "--ner", help=NER_HELP),
):
    """Run the whole analysis on the bundled example (five Arabic reports of the
    September 2023 Karabakh offensive) and write the report.

    Example: tabayyun demo --out /tmp/demo --open
    """
    _setup_logging(False)
    src = example_dir()
    dossier = _run([str(src)], Settings(ner=_ner_mode(ner)), quiet)
    _summary(dossier, quiet)
    paths = _write_outputs(
        dossier, out_dir / "report.html", out_dir / "dossier.json", out_dir / "dossier.md", False
    )
    # soft_wrap: a long path must stay on one line to be copied (rich wraps at 80 columns)
    out.print(f"demo report: {paths[0].resolve()}", highlight=False, soft_wrap=True)
    out.print(f"also: {paths[1]}  {paths[2]}", highlight=False, soft_wrap=True)
    if open_report:
        import webbrowser

        webbrowser.open(paths[0].resolve().as_uri())


@app.command()
def inspect(
    path: str = typer.Argument(..., help="One input file (or - for stdin)."),
    as_json: bool = typer.Option(False, "--json", help="Print the annotated article(s) as JSON."),
    layer: list[str] = typer.Option([], help="Only these layers (repeatable)."),
):
    """Show an input's cleaned text, metadata and every layer with offsets (for debugging).

    Example: tabayyun inspect article.txt --layer sentences --layer quotes
    """
    _setup_logging(False)
    from .api import analyse
    from .inspect import render_article
    from .model import LAYERS

    unknown = [x for x in layer if x not in LAYERS]
    if unknown:
        err.print(f"error: unknown layer {', '.join(unknown)} (layers: {', '.join(LAYERS)})", markup=False)
        raise typer.Exit(EXIT_USAGE)
    dossier = analyse([path])
    for k in dossier.skipped:
        print(f"skipped: {k.source}: {k.reason}", file=sys.stderr)
    if not dossier.articles:
        raise typer.Exit(EXIT_PARTIAL)
    for a in dossier.articles:
        render_article(a, out, as_json=as_json, layers=tuple(layer))


@app.command(name="eval")
def eval_(
    kind: str = typer.Argument(..., help="What to score: " + ", ".join(_kinds("evaluate")) + "."),
    file: Path = typer.Argument(..., help="Gold data in the kind's public format."),
    gold: Optional[Path] = typer.Argument(None, help="Second file for kinds that score input against gold (clusters: GOLD.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object of metrics."),
    option: list[str] = typer.Option([], "-O", "--option", help="Scorer option key=value (repeatable)."),
):
    """Score an extractor on gold data and print a table (or JSON with --json).

    Example: tabayyun eval ner dev.conll --json
    Example: tabayyun eval clusters ARTICLES.jsonl GOLD.jsonl
    """
    _setup_logging(False)
    from . import evaluate

    opts = _options(option)
    for path in (file, gold):
        if path is not None and not path.exists():
            err.print(f"error: no such file: {path}")
            raise typer.Exit(EXIT_USAGE)
    if gold is not None:
        opts["gold"] = gold
    try:
        result = evaluate.run(kind, file, **opts)
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    if _nothing_scored(result.metrics):
        # a file of another kind parses as zero cases: a score of 0 would mislead
        for n in result.notes[:3]:
            err.print(n, markup=False, highlight=False)
        err.print(f"error: no {kind} gold cases could be read from {file} (is it a '{kind}' file?)", markup=False)
        raise typer.Exit(EXIT_USAGE)
    if as_json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return
    keys = [k for k in ("precision", "recall", "f1", "accuracy", "macro_f1", "n") if k in result.metrics]
    t = Table(title=f"{kind}: {file}")
    t.add_column("")
    for k in keys:
        t.add_column(k)
    for name, m in result.rows + (("overall", result.metrics),):
        t.add_row(name, *[_fmt(m.get(k)) for k in keys])
    out.print(t)
    for n in result.notes[:MAX_NOTES]:
        out.print(n, highlight=False, markup=False)
    if len(result.notes) > MAX_NOTES:
        out.print(f"… and {len(result.notes) - MAX_NOTES} more notes", highlight=False)


MAX_NOTES = 40  # eval notes shown; a bad file can give one per line


def _nothing_scored(m: dict) -> bool:
    if m.get("n") == 0:
        return True
    counts = [m[k] for k in ("tp", "fp", "fn") if k in m]
    return len(counts) == 3 and sum(counts) == 0


@app.command()
def train(
    kind: str = typer.Argument(..., help="What to train: " + ", ".join(_kinds("training")) + "."),
    data: list[Path] = typer.Argument(..., help="Training data files."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Where to write the model (default: the shipped location)."),
    seed: int = typer.Option(1, help="Random seed: the same seed gives the same model."),
    option: list[str] = typer.Option([], "-O", "--option", help="Trainer option key=value (repeatable)."),
):
    """Train a model from data and print its scores.

    Example: tabayyun train ner ../shared/data/ner/anercorp_train.conll --seed 1
    """
    _setup_logging(True)
    from . import training

    missing = [str(p) for p in data if not p.exists()]
    if missing:
        err.print(f"error: no such file: {', '.join(missing)}")
        raise typer.Exit(EXIT_USAGE)
    try:
        scores = training.run(kind, list(data), out_path, seed, **_options(option))
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    print(json.dumps(scores, ensure_ascii=False, indent=1))


@app.command()
def schema(write: Optional[Path] = typer.Option(None, "--write", help="Write the schema to this file.")):
    """Print the JSON Schema of the dossier (the format of --json output).

    Example: tabayyun schema --write dossier.schema.json
    """
    from .report.json import schema as make_schema

    text = json.dumps(make_schema(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if write:
        _write_file(write, text)
    else:
        print(text, end="")


@app.command()
def version():
    """Print the version.

    Example: tabayyun version
    """
    print(__version__)


def _options(pairs: list[str]) -> dict:
    opts = {}
    for p in pairs:
        if "=" not in p:
            err.print(f"error: option '{p}' is not key=value")
            raise typer.Exit(EXIT_USAGE)
        k, v = p.split("=", 1)
        opts[k.strip().replace("-", "_")] = _value(v.strip())
    return opts


def _value(v: str):
    if v.lower() in ("true", "false"):
        return v.lower() == "true"
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return v


def _fmt(v) -> str:
    if v is None:
        return ""
    return f"{v:.4f}" if isinstance(v, float) else str(v)


def main() -> None:
    app()

from . import cli_scale, cli_store  # noqa: E402,F401  (register batch/watch and add/search/serve on app)
