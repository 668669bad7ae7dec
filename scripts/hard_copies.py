#!/usr/bin/env python3
"""Edited copies of seed speeches for `taohua scan`, and how many of them a scan finds.

  scripts/hard_copies.py make  --out target/hard-copies [--kinds subst15,delete30] [--corpus FILE]
  scripts/hard_copies.py score --out target/hard-copies [--taohua target/release/taohua]

`make` writes, per kind, OUT/KIND/comp.txt (the seed compilation followed by six
edited copies of its speeches, headed 篇二十 … 篇二十五) and OUT/KIND/truth.json
(the seed truth plus the planted pairs, which ../shared/eval/score.py scan reads).
Kinds: the edits of scripts/hard_drafts.py applied to every paragraph (subst15,
reorder, syn+delete+mask, …), and whole-speech edits: para-reorder, delete30
delete50 and delete75 (30%, half or three quarters of the paragraphs dropped: contained), append-external (as much provincial
report text appended: contained), append-speech (the next picked speech
appended), each optionally followed by +EDIT. `score` scans each compilation
and prints, per kind, the planted pairs found and those with the expected
relation. Standard library only; deterministic.

--corpus takes another 篇-headed compilation (scripts/compile_corpus.py makes
them from ../shared/corpora) in place of the seed: six of its speeches, evenly
spread, are copied, and the truth holds only the planted pairs.
"""
import argparse
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import hard_drafts as hd  # noqa: E402

ROOT = os.path.join(HERE, "..")
CORPUS = os.path.join(ROOT, "corpus", "kaifaqu-19.txt")
SHARED = os.path.join(ROOT, "..", "shared")
PICK = ["篇二", "篇三", "篇六", "篇十", "篇十二", "篇十九"]
NUMS = ["二十", "二十一", "二十二", "二十三", "二十四", "二十五"]
KINDS = ["subst8", "subst15", "subst18", "subst20", "reorder", "insert", "syn", "delete", "trad",
         "subst8+reorder+width", "syn+delete+mask", "para-reorder", "delete30", "delete30+subst8",
         "append-external", "append-speech"]
WHOLE = ["para-reorder", "delete30", "delete50", "delete75", "append-external", "append-speech"]


def speeches(path):
    out, cur = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = hd.gen.HEADING.search(line.strip())
        if m and len(line.strip()) < 40:
            cur = "篇" + m.group(1)
            out[cur] = []
        elif cur:
            out[cur].append(line)
    return out


CN_DIGITS = "零一二三四五六七八九"


def cn_numeral(n):
    """1..99 as the Chinese numerals of headings (十, 十一, 二十, 二十一, ...)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones else "") if n >= 10 else CN_DIGITS[n]


def make(out, kinds, corpus=CORPUS):
    text = open(corpus, encoding="utf-8").read()
    sp = speeches(corpus)
    seed = json.load(open(os.path.join(SHARED, "eval", "seed-truth.json"), encoding="utf-8"))
    if os.path.abspath(corpus) == os.path.abspath(CORPUS):
        pick, nums, prefix = PICK, NUMS, "全市开发区工作会议讲话精神"
    else:
        names = list(sp)
        pick = [names[i * len(names) // 6] for i in range(6)]
        nums = [cn_numeral(len(names) + 1 + i) for i in range(6)]
        heading = next(line.strip() for line in text.splitlines()
                       if hd.gen.HEADING.search(line.strip()) and len(line.strip()) < 40)
        prefix = heading.rsplit("篇", 1)[0]
        seed = {"name_by": seed.get("name_by", "source-basename"), "duplicate_pairs": [],
                "shared_phrases": []}
    hd.ORIGINALS.extend(hd.gen.read_originals(os.path.join(SHARED, "corpora", "cn-law-revisions")))
    prov = hd.gen.read_originals(os.path.join(SHARED, "corpora", "cn-provincial-gov-work-reports"))
    pool = [c for p in hd.ORIGINALS[:2000] for c in p if "\u4e00" <= c <= "\u9fff"]
    for kind in kinds:
        rng = random.Random(sum(map(ord, kind)))
        whole = next((w for w in WHOLE if kind == w or kind.startswith(w + "+")), None)
        rest = kind[len(whole):].lstrip("+") if whole else kind
        parts, planted = [text.rstrip("\n")], []
        for n, src in enumerate(pick):
            lines = sp[src][:]
            other = pick[(n + 1) % len(pick)]
            if whole == "para-reorder":
                rng.shuffle(lines)
            elif whole and whole.startswith("delete"):
                idx = [i for i, l in enumerate(lines) if len(l.strip()) >= 10]
                share = int(whole[len("delete"):]) / 100
                drop = set(rng.sample(idx, max(1, round(share * len(idx)))))
                lines = [l for i, l in enumerate(lines) if i not in drop]
            elif whole == "append-external":
                extra, target = [], sum(len(l) for l in lines)
                while sum(len(p) for p in extra) < target:
                    extra.append(rng.choice(prov))
                lines += extra
            elif whole == "append-speech":
                lines += sp[other]
            if rest:
                lines = [hd.edit(rng, l, rest, pool) if len(l.strip()) >= 10 else l for l in lines]
            name = "篇" + nums[n]
            parts.append(prefix + name + "\n" + "\n".join(lines))
            if whole and whole.startswith("delete"):
                planted.append({"a": name, "b": src, "kind": "contained", "edit": kind})
            elif whole in ("append-external", "append-speech"):
                planted.append({"a": src, "b": name, "kind": "contained", "edit": kind})
                if whole == "append-speech":
                    planted.append({"a": other, "b": name, "kind": "contained", "edit": kind})
            else:
                planted.append({"a": src, "b": name, "kind": "near-duplicate", "edit": kind})
        d = os.path.join(out, kind.replace("+", "_"))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "comp.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(parts) + "\n")
        truth = dict(seed, documents=len(sp) + len(pick), planted_pairs=planted,
                     duplicate_pairs=seed["duplicate_pairs"] + planted)
        with open(os.path.join(d, "truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
    print(f"wrote {len(kinds)} compilations to {out}")


def score(out, taohua):
    for kind in sorted(os.listdir(out)):
        d = os.path.join(out, kind)
        rep = json.loads(subprocess.run([taohua, "scan", os.path.join(d, "comp.txt"), "--format", "json"],
                                        capture_output=True, text=True, check=True).stdout)
        name = {x["id"]: "篇" + x["title"].rsplit("篇", 1)[-1] for x in rep["documents"]}
        got = {(name[p["a"]], name[p["b"]]): p for p in rep["pairs"]}
        planted = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))["planted_pairs"]
        found = right = 0
        for t in planted:
            p, flip = got.get((t["a"], t["b"])), False
            if p is None and (t["b"], t["a"]) in got:
                p, flip = got[(t["b"], t["a"])], True
            if p is None:
                continue
            found += 1
            a_in_b = p["b_in_a"] if flip else p["a_in_b"]
            b_in_a = p["a_in_b"] if flip else p["b_in_a"]
            right += p["relation"] == t["kind"] and (t["kind"] != "contained" or a_in_b >= b_in_a)
        print(f"{kind:24s} found {found}/{len(planted)}  right relation {right}/{len(planted)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["make", "score"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--taohua", default=os.path.join(ROOT, "target", "release", "taohua"))
    ap.add_argument("--corpus", default=CORPUS, help="a 篇-headed compilation (make only)")
    a = ap.parse_args()
    if a.what == "make":
        make(a.out, a.kinds.split(","), a.corpus)
    else:
        score(a.out, a.taohua)


if __name__ == "__main__":
    main()
