"""Every command of the README's quick tour runs exactly as printed (from a copy of the repository root)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def tour_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick tour", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_the_tour_has_the_commands_users_meet_first():
    heads = [shlex.split(c)[:2] for c in tour_commands()]
    for head in (["mteval", "run"], ["mteval", "score"], ["mteval", "align"], ["mteval", "names"],
                 ["mteval", "report"], ["python", "-m"]):
        assert head in heads


@pytest.mark.slow
def test_every_quick_tour_command_runs_as_printed(tmp_path):
    shutil.copytree(ROOT / "references", tmp_path / "references")
    for command in tour_commands():
        argv = shlex.split(command)
        for path in argv[2:]:  # every file the command names exists in the repository
            if "/" in path and not path.startswith(("reports/", "-")) and "=" not in path:
                assert (ROOT / path).exists(), f"{command}: {path} does not exist"
            if "=" in path and "/" in path:
                assert (ROOT / path.split("=", 1)[1]).exists(), f"{command}: {path} does not exist"
        exe = [sys.executable, "-m", "eval"] if argv[0] == "mteval" else [sys.executable]
        done = subprocess.run(exe + argv[1:], cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{command}\n{done.stderr[-2000:]}"
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr, command
        if argv[:2] == ["mteval", "run"]:
            out = Path(argv[argv.index("--out") + 1])
            assert (tmp_path / out / "report.html").is_file() and (tmp_path / out / "summary.json").is_file()
            assert (tmp_path / out / "report.html").resolve().as_uri() in done.stdout
        if argv[:2] == ["mteval", "score"]:
            assert "BLEU" in done.stdout and "p =" in done.stdout
        if argv[:2] == ["mteval", "align"]:
            assert "0-1" in done.stdout  # the scraped copy's injected lines show as additions
        if "--write-glossary" in argv:
            draft = tmp_path / argv[argv.index("--write-glossary") + 1]
            assert draft.is_file() and len(draft.read_text(encoding="utf-8").splitlines()) > 10
