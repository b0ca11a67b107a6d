"""Results folders are replaced whole: kills, concurrent runs, stale files, symlinks, bad --out (issue 22)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.commands.test_run import run_cli as _cli

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "references" / "news-demo"



def _spawn(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eval", "run", str(DEMO), "--out", str(out), "--no-progress", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _whole(out: Path) -> str:
    """Which run the folder holds, after checking that its files belong together."""
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    segments = pd.read_parquet(out / "segments.parquet")
    findings = pd.read_parquet(out / "findings.parquet")
    assert len(findings) == summary["totals"]["findings"]
    metrics = summary["config"]["metrics"]["metrics"]
    assert ("chrf" in segments.columns) == ("chrf" in metrics)
    assert (out / "report.html").is_file()
    return "old" if metrics == ["bleu"] else "new"


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.3, 1.5, 3.0, 4.5])
def test_sigkill_leaves_the_previous_results_or_the_new_ones_never_a_mixture(tmp_path, delay):
    out = tmp_path / "out"
    first = _spawn(out, "--metrics", "bleu", "--bootstrap", "20")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert _whole(out) == "old"
    run = _spawn(out, "--bootstrap", "20")
    time.sleep(delay)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    assert _whole(out) in ("old", "new")
    # the next run cleans up what the killed one left and replaces the folder
    again = _spawn(out, "--bootstrap", "20")
    assert again.wait(timeout=300) == 0, again.stderr.read()
    assert _whole(out) == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.slow
def test_a_second_run_on_the_same_folder_is_refused_while_the_first_runs(tmp_path):
    out = tmp_path / "out"
    first = _spawn(out, "--bootstrap", "20")
    lock = tmp_path / ".out.lock"
    for _ in range(200):
        if lock.exists():
            break
        time.sleep(0.02)
    second = _spawn(out, "--bootstrap", "20")
    assert second.wait(timeout=300) == 2
    assert "another mteval run" in second.stderr.read()
    assert first.wait(timeout=300) == 0
    assert _whole(out) == "new" and not lock.exists()


def test_rerun_replaces_the_whole_folder(tmp_path, capsys):
    out = tmp_path / "out"
    assert _cli(["run", str(DEMO), "--out", str(out), "--no-progress", "--bootstrap", "10", "--csv"], capsys)[0] == 0
    assert (out / "report.html").is_file() and (out / "findings.csv").is_file()
    assert _cli(["run", str(DEMO), "--out", str(out), "--no-progress", "--bootstrap", "10", "--no-report"], capsys)[0] == 0
    assert not (out / "report.html").exists() and not (out / "findings.csv").exists()


def test_symlinks_inside_out_are_not_followed(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me", encoding="utf-8")
    (out / "summary.json").symlink_to(victim)
    assert _cli(["run", str(DEMO), "--out", str(out), "--no-progress", "--bootstrap", "10"], capsys)[0] == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (out / "summary.json").is_symlink()


@pytest.mark.parametrize("setup, out, message", [
    (None, "", "not the current directory"),
    (None, ".", "not the current directory"),
    ("file", "f", "names an existing file"),
    ("other", "mine", "holds files that are not results"),
])
def test_bad_out_is_one_line_before_any_work(tmp_path, capsys, monkeypatch, setup, out, message):
    monkeypatch.chdir(tmp_path)
    if setup == "file":
        (tmp_path / "f").write_text("x", encoding="utf-8")
    if setup == "other":
        (tmp_path / "mine").mkdir()
        (tmp_path / "mine" / "thesis.docx").write_text("x", encoding="utf-8")
    code, _, err = _cli(["run", str(DEMO), "--out", out, "--no-progress"], capsys)
    assert code == 2 and message in err and "internal error" not in err
    if setup == "other":
        assert (tmp_path / "mine" / "thesis.docx").is_file()
        code, _, err = _cli(["run", str(DEMO), "--out", "mine", "--no-progress", "--bootstrap", "10", "--force"], capsys)
        assert code == 0 and not (tmp_path / "mine" / "thesis.docx").exists()


def test_corpus_dotdot_gets_a_named_default_out(tmp_path, capsys, monkeypatch):
    inner = tmp_path / "demo" / "inside"
    inner.mkdir(parents=True)
    import shutil

    for sub in ("source", "reference", "systems"):
        shutil.copytree(DEMO / sub, tmp_path / "demo" / sub)
    monkeypatch.chdir(inner)
    code, out, err = _cli(["run", "..", "--no-progress", "--bootstrap", "10", "--no-report"], capsys)
    assert code == 0, err
    assert (inner / "reports" / "demo" / "summary.json").is_file()
    assert not (inner / "summary.json").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_parent_is_one_line(tmp_path, capsys):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        code, _, err = _cli(["run", str(DEMO), "--out", str(ro / "out"), "--no-progress"], capsys)
    finally:
        ro.chmod(0o755)
    assert code == 2 and "permission denied" in err and "internal error" not in err


@pytest.mark.parametrize("err, words", [(PermissionError(13, "Permission denied"), "permission denied"),
                                        (OSError(28, "No space left on device"), "no space left"),
                                        (OSError(30, "Read-only file system"), "read-only")])
def test_os_errors_at_the_edges_are_one_line_naming_the_path(tmp_path, capsys, monkeypatch, err, words):
    """What a read-only --out, a full disk or a read-only file system give (simulated: tests run as root)."""
    err.filename = str(tmp_path / "out")
    real = Path.mkdir

    def mkdir(self, *a, **k):
        if self.name.startswith(".out.partial"):
            raise err
        return real(self, *a, **k)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    code, _, msg = _cli(["run", str(DEMO), "--out", str(tmp_path / "out"), "--no-progress"], capsys)
    assert code == 2 and words in msg and str(tmp_path / "out") in msg and "internal error" not in msg
    assert not (tmp_path / ".out.lock").exists()


def test_a_lock_held_by_a_live_process_is_respected_and_a_dead_ones_taken_over(tmp_path, capsys):
    out = tmp_path / "out"
    lock = tmp_path / ".out.lock"
    lock.write_text(str(os.getppid()))  # a live process
    code, _, err = _cli(["run", str(DEMO), "--out", str(out), "--no-progress"], capsys)
    assert code == 2 and "another mteval run" in err and lock.exists()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.write_text(dead.stdout.strip())  # that process has exited: a stale lock
    code, _, err = _cli(["run", str(DEMO), "--out", str(out), "--no-progress", "--bootstrap", "10"], capsys)
    assert code == 0, err
    assert not lock.exists() and not list(tmp_path.glob(".out.lock.*"))
