"""Command-line interface: ``mteval run | score | align | names | report``.

Errors a user can fix (bad input, bad config, a missing optional extra) are printed as one line
naming the file and exit with status 2; nothing prints a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import importlib
import sys

import click

from eval import __version__
from eval.errors import ConfigError, InputError, MissingDependencyError

_COMMAND_MODULES = ("run", "score", "align", "names", "report")


class _Group(click.Group):
    """Registers sub-commands from eval/commands/<name>.py, one module per command."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in _COMMAND_MODULES:
            try:
                mod = importlib.import_module(f"eval.commands.{name}")
            except ModuleNotFoundError as exc:
                if exc.name == f"eval.commands.{name}":
                    continue
                raise
            self.add_command(mod.command, name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mteval")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Evaluate English→Arabic news machine translation.

    \b
    Typical use:
      mteval run references/news-demo --out reports/news-demo   # everything, with report.html
      mteval score --reference ref.txt --system A=a.txt --system B=b.txt --paired-bs
      mteval align --source en.txt --target ar.txt
      mteval names references/news-demo
      mteval report reports/news-demo
    """
    ctx.obj = {"debug": debug}


def main(argv: list[str] | None = None) -> None:
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="mteval", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("mteval: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (InputError, ConfigError, MissingDependencyError) as exc:
        if debug:
            raise
        click.echo(f"mteval: error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:  # the file system at the edges: one line with the path and what to do
        if debug:
            raise
        from eval.publish import os_error_message

        click.echo(f"mteval: error: {os_error_message(exc)}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("mteval: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: still one line, with a way to get details
        if debug:
            raise
        click.echo(f"mteval: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)", err=True)
        sys.exit(1)


__all__ = ["cli", "main"]
