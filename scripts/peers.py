#!/usr/bin/env python3
"""Compare taohua with the usual Python near-duplicate recipes on a generated corpus.

  peers.py --corpus DIR            # a folder of .txt speeches with truth.json
  peers.py --generate MB [--seed S] # first: gen_corpus.py --mb MB --out target/bench-corpus-<MB>mb

Peers, each run as its own subprocess (wall time, CPU time and peak RSS from
os.wait4's rusage of that child):
  simhash   jieba words (hmm off) of each whole speech -> simhash.Simhash (64 bits),
            simhash.SimhashIndex k=3; every indexed neighbour is a pair
  minhash   datasketch MinHash (128 permutations) of character 5-grams (letters and
            digits, NFKC), MinHashLSH threshold 0.5; every LSH neighbour is a pair
  taohua    target/release/taohua scan DIR --format json; every reported pair

Pairs are scored the way ../shared/eval/score.py scan does: pairs of file
basenames; truth "optional_pairs" are neither required nor false. The peers live
in a venv under target/peers-venv (pip install -r scripts/requirements-peers.txt),
created on first use. Prints one markdown table.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
VENV = os.path.join(REPO, "target", "peers-venv")
VPY = os.path.join(VENV, "bin", "python")
PEERS = ["simhash", "minhash", "taohua"]


# --- workers (run inside the venv, one per subprocess) ------------------------------------

def speeches(folder):
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                yield name, f.read()


def work_simhash(folder, out):
    import logging

    import jieba
    from simhash import Simhash, SimhashIndex

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    hashes = []
    for name, text in speeches(folder):
        words = [w for w in jieba.lcut(text, HMM=False) if any(c.isalnum() for c in w)]
        hashes.append((name, Simhash(words)))
    index = SimhashIndex(hashes, k=3)
    logging.getLogger("simhash").setLevel(logging.ERROR)
    pairs = set()
    for name, h in hashes:
        for other in index.get_near_dups(h):
            if other != name:
                pairs.add(tuple(sorted((name, other))))
    json.dump(sorted(pairs), out)


def work_minhash(folder, out):
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    sketches = []
    for name, text in speeches(folder):
        t = "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())
        grams = {t[i : i + 5].encode("utf-8") for i in range(max(1, len(t) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch(list(grams))
        lsh.insert(name, m)
        sketches.append((name, m))
    pairs = set()
    for name, m in sketches:
        for other in lsh.query(m):
            if other != name:
                pairs.add(tuple(sorted((name, other))))
    json.dump(sorted(pairs), out)


# --- driver ----------------------------------------------------------------------------------

def ensure_venv():
    if os.path.exists(VPY):
        probe = subprocess.run([VPY, "-c", "import jieba, simhash, datasketch"], capture_output=True)
        if probe.returncode == 0:
            return
    print(f"peers: installing jieba, simhash, datasketch into {VENV}", file=sys.stderr)
    if not os.path.exists(VPY):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([VPY, "-m", "pip", "install", "--quiet", "-r",
                    os.path.join(HERE, "requirements-peers.txt")], check=True)


def measure(cmd, stdout_path):
    """Run cmd; return (exit code, wall s, cpu s, peak RSS MB) of that child alone."""
    with open(stdout_path, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0


def taohua_pairs(report_path):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    names = {str(d["id"]): os.path.basename(str(d.get("source", ""))) for d in report.get("documents", [])}
    pairs = set()
    for p in report.get("pairs", []):
        a, b = names.get(str(p.get("a"))), names.get(str(p.get("b")))
        if a and b and a != b:
            pairs.add(tuple(sorted((a, b))))
    return sorted(pairs)


def prf(tp, fp, fn):
    # As ../shared/eval/score.py.
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--corpus", help="folder of speeches with truth.json")
    g.add_argument("--generate", type=float, metavar="MB", help="generate a corpus of MB megabytes first")
    ap.add_argument("--seed", type=int, default=1, help="seed for --generate")
    ap.add_argument("--peers", default=",".join(PEERS), help="comma-separated subset of " + ",".join(PEERS))
    ap.add_argument("--taohua", default=os.path.join(REPO, "target", "release", "taohua"),
                    help="the taohua binary (built with cargo build --release when missing)")
    ap.add_argument("--worker", nargs=2, metavar=("PEER", "DIR"), help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.worker:
        peer, folder = a.worker
        {"simhash": work_simhash, "minhash": work_minhash}[peer](folder, sys.stdout)
        return 0
    if a.corpus is None and a.generate is None:
        ap.error("one of --corpus DIR or --generate MB is required")

    if a.generate is not None:
        label = f"{a.generate:g}"
        corpus = os.path.join(REPO, "target", f"bench-corpus-{label}mb")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--mb", label,
                        "--out", corpus, "--seed", str(a.seed)], check=True)
    else:
        corpus = a.corpus
    with open(os.path.join(corpus, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    want = {frozenset((p["a"], p["b"])) for p in truth.get("duplicate_pairs", [])}
    optional = {frozenset((p["a"], p["b"])) for p in truth.get("optional_pairs", [])}
    files = [n for n in os.listdir(corpus) if n.endswith(".txt")]
    mb = sum(os.path.getsize(os.path.join(corpus, n)) for n in files) / 1e6

    peers = [p.strip() for p in a.peers.split(",") if p.strip()]
    if any(p in ("simhash", "minhash") for p in peers):
        ensure_venv()
    if "taohua" in peers and not os.path.exists(a.taohua):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)

    out_dir = os.path.join(REPO, "target", "peers-out")
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    for peer in peers:
        out = os.path.join(out_dir, f"{os.path.basename(os.path.abspath(corpus))}-{peer}.json")
        if peer == "taohua":
            cmd = [a.taohua, "scan", corpus, "--format", "json"]
        else:
            cmd = [VPY, os.path.abspath(__file__), "--worker", peer, corpus]
        print(f"peers: {peer}: {' '.join(cmd)}", file=sys.stderr)
        code, wall, cpu, rss = measure(cmd, out)
        if peer == "taohua":
            ok = code in (0, 1)
            pairs = taohua_pairs(out) if ok else []
        else:
            ok = code == 0
            with open(out, encoding="utf-8") as f:
                pairs = json.load(f) if ok else []
        if not ok:
            print(f"peers: {peer} failed with exit code {code}", file=sys.stderr)
        pred = {frozenset(p) for p in pairs} - optional
        tp, fp, fn = len(pred & want), len(pred - want), len(want - pred)
        p, r, f = prf(tp, fp, fn)
        rows.append((peer, wall, cpu, rss, len(pairs), p, r, f, tp, fp, fn, ok))

    print(f"corpus {corpus}: {len(files)} speeches, {mb:.1f} MB; truth: {len(want)} required pairs, "
          f"{len(optional)} optional")
    print()
    print("| peer | wall s | CPU s | peak RSS MB | MB/s | pairs | precision | recall | F1 | tp / fp / fn |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    names = {"simhash": "jieba + simhash SimhashIndex k=3",
             "minhash": "datasketch MinHashLSH char-5 0.5/128",
             "taohua": "taohua scan"}
    for peer, wall, cpu, rss, n, p, r, f, tp, fp, fn, ok in rows:
        flag = "" if ok else " (failed)"
        print(f"| {names.get(peer, peer)}{flag} | {wall:.1f} | {cpu:.1f} | {rss:.0f} | {mb / wall:.2f} | {n} | "
              f"{p:.3f} | {r:.3f} | {f:.3f} | {tp} / {fp} / {fn} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
