#!/usr/bin/env python3
"""Copy a corpus made by gen_corpus.py with a share of its Chinese characters changed.

gen_corpus.py deals paragraphs from a fixed pool of real text, so at a gigabyte each
paragraph occurs in dozens of speeches and the stages that work per distinct
paragraph or sentence (simhash segmentation, templates) see little text. An archive
whose speeches were each edited by hand has mostly distinct paragraphs. This copy
replaces each CJK character with a random one with probability --share, so almost no
paragraph or sentence repeats, while the planted copies still share most of their
text (they are measured for cost, not scored: the truth file is not rewritten).

    python3 scripts/vary_corpus.py target/bench-corpus-1gb target/bench-corpus-varied-1gb
"""

import argparse
import os
import random


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", help="folder of .txt speeches (gen_corpus.py output)")
    ap.add_argument("dst", help="folder to write (created)")
    ap.add_argument("--share", type=float, default=0.04, help="chance a CJK character changes")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.dst, exist_ok=True)
    for name in sorted(os.listdir(args.src)):
        if not name.endswith(".txt"):
            continue
        out = []
        with open(os.path.join(args.src, name), encoding="utf-8") as f:
            for line in f:
                cs = list(line)
                for i, c in enumerate(cs):
                    if "\u4e00" <= c <= "\u9fff" and rng.random() < args.share:
                        cs[i] = chr(0x4E00 + rng.randrange(0x5000))
                out.append("".join(cs))
        with open(os.path.join(args.dst, name), "w", encoding="utf-8") as f:
            f.write("".join(out))


if __name__ == "__main__":
    main()
