"""Paired bootstrap (1000) and approximate randomization (10,000) for BLEU and chrF: ours vs sacrebleu.

Corpus: the NTREX Arabic reference (1997 segments) and the same repeated to 30,000 segments; three
systems made by perturbing the reference (drop / replace / swap words at fixed seeds; the first is
the baseline). Every measurement runs in its own process, started by a small "meter" process whose
only child it is, so ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is that run's peak memory.

Two comparisons per corpus size and test:

* **test** — the significance test alone, from sufficient statistics extracted beforehand (the
  extraction is sacrebleu's own code on both sides, so it is timed once, separately):
  ``sacrebleu.significance.PairedTest`` (what ``--paired-bs``/``--paired-ar`` run, with the
  extraction served from the same cache) vs ``eval.metrics.paired_bootstrap`` / ``paired_ar``.
  The results are compared exactly (score, mean, CI, p-value of every system and metric).
* **CLI** — end to end from the text files, extraction included: ``sacrebleu REF -i … --paired-bs``
  vs ``mteval score … --paired-bs`` (printing only; both read, tokenise and extract).

Usage: python benchmarks/significance.py [--sizes 1997,30000] [--skip-cli]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NTREX_REF = ROOT.parent / "shared" / "data" / "ntrex" / "newstest2019-ref.arb.txt"
METRICS = ("bleu", "chrf")
SYSTEMS = (("base", 0.20, 1), ("sysA", 0.15, 2), ("sysB", 0.30, 3))
N_BS, N_AR = 1000, 10000

# Runs a command as its only child and reports its wall time and peak RSS (RUSAGE_CHILDREN).
METER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.call(sys.argv[2:], stdout=open(sys.argv[1], "w"))
wall = time.perf_counter() - t
print(json.dumps({"rc": rc, "wall": wall, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def perturb(lines: list[str], rate: float, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for line in lines:
        words = line.split()
        new = []
        for w in words:
            x = rng.random()
            if x < rate / 3:
                continue
            new.append(rng.choice(words) if x < 2 * rate / 3 else w)
        if len(new) > 2 and rng.random() < rate:
            i = rng.randrange(len(new) - 1)
            new[i], new[i + 1] = new[i + 1], new[i]
        out.append(" ".join(new))
    return out


def build(tmp: Path, size: int) -> dict[str, Path]:
    ref = NTREX_REF.read_text(encoding="utf-8").replace("\r", "").rstrip("\n").split("\n")
    ref = (ref * (size // len(ref) + 1))[:size]
    files = {"ref": ref}
    for name, rate, seed in SYSTEMS:
        files[name] = perturb(ref, rate, seed)
    paths = {}
    for name, lines in files.items():
        paths[name] = tmp / f"{name}.{size}.txt"
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths


def extract(paths: dict[str, Path], out: Path) -> float:
    """Sufficient statistics of every system (sacrebleu's extraction, references cached once)."""
    import numpy as np

    from eval.metrics import system_stats

    read = lambda p: p.read_text(encoding="utf-8").rstrip("\n").split("\n")  # noqa: E731
    ref = read(paths["ref"])
    hyps = {name: read(paths[name]) for name, _, _ in SYSTEMS}
    t = time.perf_counter()
    for m in METRICS:
        for name, st in system_stats(m, hyps, [ref], tokenize="intl").items():
            np.save(out / f"{m}.{name}.npy", st.astype(np.int64))
    return time.perf_counter() - t


# ---------------------------------------------------------------------------------------------
# Child processes (python benchmarks/significance.py --child KIND TEST STATS_DIR)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(kind: str, test: str, stats_dir: Path) -> None:
    import numpy as np

    stats = {m: {s: np.load(stats_dir / f"{m}.{s}.npy") for s, _, _ in SYSTEMS} for m in METRICS}
    results: dict[str, dict[str, list]] = {}
    rss_before = _rss_mb()
    if kind == "sacrebleu":
        from sacrebleu.metrics import BLEU, CHRF
        from sacrebleu.significance import PairedTest

        lists = {m: {s: v.tolist() for s, v in d.items()} for m, d in stats.items()}
        hyps = {s: [""] * len(stats["bleu"][s]) for s, _, _ in SYSTEMS}  # placeholders: stats come from the cache
        by_id = {id(h): s for s, h in hyps.items()}
        objs = {"bleu": BLEU(tokenize="intl"), "chrf": CHRF()}
        for m, obj in objs.items():
            obj.num_refs = 1
            obj._extract_corpus_statistics = lambda h, refs, m=m: lists[m][by_id[id(h)]]
        t = time.perf_counter()
        _, res = PairedTest([(s, hyps[s]) for s, _, _ in SYSTEMS], objs, None, test_type=test,
                            n_samples=N_BS if test == "bs" else N_AR)()
        wall = time.perf_counter() - t
        names = {"BLEU": "bleu", "chrF2": "chrf"}
        for key, vals in res.items():
            if key != "System":
                results[names[key]] = {s: [r.score, r.mean, r.ci, r.p_value] for (s, _, _), r in zip(SYSTEMS, vals)}
    else:
        sys.path.insert(0, str(ROOT))
        from eval.metrics import paired_ar_many, paired_bootstrap_many

        t = time.perf_counter()
        # both metrics share one set of draws, as in sacrebleu; AR without CIs, as sacrebleu's CLI
        if test == "bs":
            res = paired_bootstrap_many(stats, "base", n=N_BS)
        else:
            res = paired_ar_many(stats, "base", n=N_AR, n_confidence=-1)
        wall = time.perf_counter() - t
        for m in METRICS:
            results[m] = {s: [r["score"], r["mean"], r["ci"], r["p_value"]] for s, r in res[m].items()}

    def clean(v):
        return None if v is None else float(v)

    print(json.dumps({"wall": wall, "rss_before_mb": rss_before,
                      "results": {m: {s: [clean(x) for x in v] for s, v in d.items()} for m, d in results.items()}}))


# ---------------------------------------------------------------------------------------------
# Driver


def metered(cmd: list[str], out_file: Path) -> dict:
    p = subprocess.run([sys.executable, "-c", METER, str(out_file), *cmd], capture_output=True, text=True, check=True)
    meter = json.loads(p.stdout)
    if meter["rc"] != 0:
        raise RuntimeError(f"{cmd[:4]}… exited {meter['rc']}: {p.stderr[-2000:]}")
    return meter


def run_test(kind: str, test: str, stats_dir: Path, tmp: Path) -> dict:
    out = tmp / f"{kind}.{test}.json"
    meter = metered([sys.executable, __file__, "--child", kind, test, str(stats_dir)], out)
    data = json.loads(out.read_text())
    data["peak_mb"] = meter["peak_mb"]
    data["process_wall"] = meter["wall"]
    return data


def run_cli(kind: str, test: str, paths: dict[str, Path], tmp: Path) -> dict:
    flag = "--paired-bs" if test == "bs" else "--paired-ar"
    if kind == "sacrebleu":
        cmd = [sys.executable, "-m", "sacrebleu", str(paths["ref"]), "-i", *(str(paths[s]) for s, _, _ in SYSTEMS),
               "-m", "bleu", "chrf", "--tokenize", "intl", flag, "-f", "text", "-q"]
    else:
        cmd = [sys.executable, "-m", "eval", "score", "-r", str(paths["ref"]),
               *(x for s, _, _ in SYSTEMS for x in ("-s", f"{s}={paths[s]}")), "-m", "bleu,chrf", flag]
    return metered(cmd, tmp / f"cli.{kind}.{test}.txt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1997,30000")
    ap.add_argument("--skip-cli", action="store_true", help="Only the test-alone comparison.")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], Path(args.child[2]))
        return
    if not NTREX_REF.exists():
        print(f"NTREX reference not found at {NTREX_REF}; nothing to benchmark.")
        return
    sys.path.insert(0, str(ROOT))
    rows = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for size in (int(s) for s in args.sizes.split(",")):
            paths = build(tmp, size)
            stats_dir = tmp / f"stats{size}"
            stats_dir.mkdir()
            t_extract = extract(paths, stats_dir)
            print(f"[{size} segments] statistics extraction (sacrebleu, shared by both sides): {t_extract:.1f}s",
                  flush=True)
            for test in ("bs", "ar"):
                sb = run_test("sacrebleu", test, stats_dir, tmp)
                ours = run_test("ours", test, stats_dir, tmp)
                same = sb["results"] == ours["results"]
                rows.append((size, "paired-bs (1000)" if test == "bs" else "paired-ar (10000)", "test",
                             sb["wall"], sb["peak_mb"], ours["wall"], ours["peak_mb"], same))
                print(f"  {test} test: sacrebleu {sb['wall']:.2f}s {sb['peak_mb']:.0f}MB | ours {ours['wall']:.2f}s "
                      f"{ours['peak_mb']:.0f}MB | identical: {same}", flush=True)
                if not same:
                    for m in METRICS:
                        for s, _, _ in SYSTEMS:
                            a, b = sb["results"][m][s], ours["results"][m][s]
                            if a != b:
                                print(f"    differs {m} {s}: sacrebleu {a} ours {b}")
                if not args.skip_cli:
                    csb = run_cli("sacrebleu", test, paths, tmp)
                    cours = run_cli("ours", test, paths, tmp)
                    rows.append((size, "paired-bs (1000)" if test == "bs" else "paired-ar (10000)", "CLI",
                                 csb["wall"], csb["peak_mb"], cours["wall"], cours["peak_mb"], None))
                    print(f"  {test} CLI:  sacrebleu {csb['wall']:.2f}s {csb['peak_mb']:.0f}MB | ours "
                          f"{cours['wall']:.2f}s {cours['peak_mb']:.0f}MB", flush=True)

    print()
    head = (f"{'segments':>8}  {'test':<17}  {'scope':<5}  {'sacrebleu s':>11}  {'sacrebleu MB':>12}  "
            f"{'ours s':>7}  {'ours MB':>8}  {'speed-up':>8}  {'memory':>7}  identical")
    print(head)
    print("-" * len(head))
    for size, test, scope, sw, sm, ow, om, same in rows:
        print(f"{size:>8}  {test:<17}  {scope:<5}  {sw:>11.2f}  {sm:>12.0f}  {ow:>7.2f}  {om:>8.0f}  "
              f"{sw / ow:>7.1f}×  {sm / om:>6.1f}×  {'' if same is None else 'yes' if same else 'NO'}")
    print("\nmemory = sacrebleu peak RSS / ours (whole process, interpreter and statistics included).")
    print("test = significance test alone on pre-extracted statistics (wall time of the test call);")
    print("CLI = whole command from text files (extraction included, identical sacrebleu code on both sides).")


if __name__ == "__main__":
    main()
