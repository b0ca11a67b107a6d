"""First hour of a new user: `make report` on a fresh clone — wall time, environment size, build warnings.

Measured end to end as a user runs it: `git clone` of the committed tree into a temporary folder, then
`make report` there (venv creation, pip install of the core package from the package index or pip's
cache, `mteval run` on the bundled corpus, the report). The figure includes pip's resolution and
download/unpack time, so a cold pip cache is slower than a warm one; both are printed as measured.
Targets (issue 19): under 60 s on this 2-core machine, environment under 400 MB, no warning from the
project's own packaging. Beside it, the peer: `pip install sacrebleu` into a fresh venv and
`sacrebleu` scoring the same corpus line-aligned (what a user would otherwise run first).

Usage: python benchmarks/first_run.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t, done


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "mteval"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        secs, done = timed(["make", "report"], clone)
        if done.returncode:
            sys.exit(f"make report failed:\n{done.stderr[-3000:]}")
        venv = du(clone / ".venv")
        noise = [line for line in (done.stdout + done.stderr).splitlines()
                 if "deprecat" in line.lower() or "BuildBackendWarning" in line]
        report = clone / "reports" / "news-demo" / "report.html"

        peer = Path(tmp) / "peer"
        psecs, pdone = timed([sys.executable, "-m", "venv", str(peer)], Path(tmp))
        s2, pdone = timed([str(peer / "bin" / "pip"), "install", "-q", "sacrebleu"], Path(tmp))
        line = ROOT / "references" / "line-demo"
        s3, sdone = timed([str(peer / "bin" / "sacrebleu"), str(line / "reference.ar"), "-i", str(line / "polished.ar"),
                           str(line / "literal.ar"), "-m", "bleu", "chrf", "ter", "-tok", "intl"], Path(tmp))
        print("first run on a fresh clone (2 cores):")
        print(f"  make report (venv + core install + mteval run + report): {secs:6.1f} s   target < 60 s")
        print(f"  environment (.venv):                                  {venv / 2**20:6.0f} MB  target < 400 MB")
        print(f"  packaging warnings:                                   {len(noise):6d}     target 0")
        print(f"  report written:                                       {report.is_file()}")
        print(f"  peer: venv + pip install sacrebleu + sacrebleu BLEU/chrF/TER on line-demo: "
              f"{psecs + s2 + s3:.1f} s, {du(peer) / 2**20:.0f} MB (scores only: no alignment, checks or report)")
        for n in noise[:5]:
            print("   ", n)


if __name__ == "__main__":
    main()
