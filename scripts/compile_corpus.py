#!/usr/bin/env python3
"""Make a compilation (one file, a `<heading>篇N` line before each speech) from a folder of
texts, the form `gen_drafts.py --corpus` and `hard_drafts.py --corpus` read, for measuring
`check` on real texts other than the seed.

  python3 scripts/compile_corpus.py --from DIR --out FILE [--heading 政府工作报告]
        [--glob '2025-*'] [--since 2000] [--limit 25] [--sample 40 --seed 1]

Files (`*.txt`, recursively, in sorted path order) are kept when their name matches --glob
and starts with a year >= --since; then --sample N picks N of them at random (Python's
`random.sample` with --seed), or --limit N keeps the first N.
"""
import argparse
import fnmatch
import os
import random

NUMS = "一二三四五六七八九十"


def chinese(n):
    """1 → 一, 25 → 二十五, 105 → 一百零五."""
    if n <= 10:
        return NUMS[n - 1]
    if n < 20:
        return "十" + NUMS[n - 11]
    if n < 100:
        t, o = divmod(n, 10)
        return NUMS[t - 1] + "十" + (NUMS[o - 1] if o else "")
    h, r = divmod(n, 100)
    return NUMS[h - 1] + "百" + ("零" + chinese(r) if 0 < r < 10 else (chinese(r) if r else ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--heading", default="政府工作报告")
    ap.add_argument("--title", default="汇编")
    ap.add_argument("--glob", default="*")
    ap.add_argument("--since", type=int)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--sample", type=int)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    files = []
    for root, _, names in os.walk(a.src):
        for name in sorted(names):
            if name.endswith(".txt") and fnmatch.fnmatch(name, a.glob):
                if a.since is None or (name[:4].isdigit() and int(name[:4]) >= a.since):
                    files.append(os.path.join(root, name))
    files.sort()
    if a.sample:
        random.seed(a.seed)
        files = random.sample(files, min(a.sample, len(files)))
    elif a.limit:
        files = files[: a.limit]
    if not files:
        raise SystemExit(f"no .txt file under {a.src} matches")
    out = [a.title, ""]
    for i, path in enumerate(files, 1):
        with open(path, encoding="utf-8") as f:
            out += [a.heading + "篇" + chinese(i), f.read().strip(), ""]
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"wrote {len(files)} speeches to {a.out}")


if __name__ == "__main__":
    main()
