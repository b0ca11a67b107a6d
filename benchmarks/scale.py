"""Whole-pipeline scale benchmark: NTREX repeated to ~100,000 segments with 3 systems (no neural).

Each configuration runs in its own process so peak memory is measured cleanly: wall time, peak RSS
of the driver, and peak RSS of the workers (process pool: largest child; Dask: each worker reports
its own); and CPU seconds of the driver and of its workers, which say more than wall time when
the machine is shared. Usage: python benchmarks/scale.py [TARGET_SEGMENTS] [configs...]
configs: serial, pool2, dask2 (default: all three)
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "data" / "ntrex"


def ntrex_lines() -> tuple[list[str], list[str], list[str]]:
    """NTREX newstest2019 English source, Arabic reference and document id per line."""
    src = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").replace("\r", "").rstrip("\n").split("\n")
    ref = (NTREX / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").replace("\r", "").rstrip("\n").split("\n")
    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split()
    return src, ref, ids


def build(tmp: Path, target: int) -> dict:
    src, ref, ids = ntrex_lines()
    reps = max(1, round(target / len(src)))
    rng = random.Random(7)

    def perturb(line: str, rate: float) -> str:
        words = line.split()
        out = [w for w in words if rng.random() > rate]
        if len(out) > 3 and rng.random() < rate:
            i = rng.randrange(len(out) - 1)
            out[i], out[i + 1] = out[i + 1], out[i]
        return " ".join(out)

    files = {name: [] for name in ("src", "ref", "ids", "A", "B", "C")}
    for r in range(reps):
        files["src"] += src
        files["ref"] += ref
        files["ids"] += [f"{d}#{r}" for d in ids]
        files["A"] += [perturb(x, 0.05) for x in ref]
        files["B"] += [perturb(x, 0.15) for x in ref]
        files["C"] += [perturb(x, 0.30) for x in ref]
    paths = {}
    for name, lines in files.items():
        p = tmp / f"{name}.txt"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths[name] = p
    return {"paths": paths, "segments": len(files["src"]), "documents": len(set(ids)) * reps}


def child(paths: dict, out: str, engine: str, jobs: int) -> None:
    sys.path.insert(0, str(ROOT))
    from eval.config import load_config
    from eval.ingest import load_line_aligned
    from eval.pipeline import run

    corpus = load_line_aligned(Path(paths["src"]), {"ref": Path(paths["ref"])},
                               {s: Path(paths[s]) for s in ("A", "B", "C")}, Path(paths["ids"]))
    cfg = load_config(None, {"run": {"engine": engine, "jobs": jobs, "report": False, "progress": False}})
    worker_peaks: list[float] = []
    if engine == "dask":
        import eval.distributed as dist

        orig = dist.dask_map

        def measured(docs, settings, *args, **kwargs):
            client_holder = {}
            orig_client = dist._client

            def grab(s, w):
                c, cl = orig_client(s, w)
                client_holder["c"] = c
                return c, cl

            dist._client = grab
            gen = orig(docs, settings, *args, **kwargs)
            for i, r in enumerate(gen):
                if i == len(docs) - 1 and "c" in client_holder:
                    peaks = client_holder["c"].run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
                    worker_peaks.extend(peaks.values())
                yield r
            dist._client = orig_client

        dist.dask_map = measured
    t0 = time.perf_counter()
    run(corpus, cfg, Path(out))
    wall = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "driver_mb": me.ru_maxrss / 1024,
                      "worker_mb": worker_peaks or ([kids.ru_maxrss / 1024] if jobs > 1 else []),
                      # CPU seconds (user + system): the driver's own, and its finished children's (workers)
                      "driver_cpu": me.ru_utime + me.ru_stime, "worker_cpu": kids.ru_utime + kids.ru_stime}))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(json.loads(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    if not NTREX.is_dir():
        print(f"skipped: {NTREX} not found")
        return
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    configs = sys.argv[2:] or ["serial", "pool2", "dask2"]
    spec = {"serial": ("local", 1), "pool2": ("local", 2), "dask2": ("dask", 2)}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = build(tmp, target)
        paths = {k: str(v) for k, v in data["paths"].items()}
        print(f"{data['segments']} segments × 3 systems, {data['documents']} documents")
        print(f"{'config':8} {'wall s':>8} {'driver MB':>10} {'worker MB':>20} {'driver CPU s':>13} {'worker CPU s':>13}")
        for name in configs:
            engine, jobs = spec[name]
            res = subprocess.run([sys.executable, __file__, "--child", json.dumps(paths), str(tmp / name), engine, str(jobs)],
                                 capture_output=True, text=True)
            if res.returncode:
                print(f"{name:8} failed: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else res.returncode}")
                continue
            m = json.loads(res.stdout.strip().splitlines()[-1])
            workers = ", ".join(f"{w:.0f}" for w in m["worker_mb"]) or "-"
            print(f"{name:8} {m['wall']:8.1f} {m['driver_mb']:10.0f} {workers:>20} {m['driver_cpu']:13.1f} {m['worker_cpu']:13.1f}")


if __name__ == "__main__":
    main()
