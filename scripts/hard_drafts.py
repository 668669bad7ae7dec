#!/usr/bin/env python3
"""Drafts with harder edits than ../shared/eval/gen_drafts.py makes, for `taohua check`.

Runs gen_drafts.py's own generator (same truth format, read by score.py check)
with its edits replaced by one chosen kind, or a mix:

  scripts/hard_drafts.py --kinds subst15 --corpus corpus/kaifaqu-19.txt \
      --originals ../shared/corpora/cn-law-revisions --out target/hard-subst15 --seed 7

Kinds (join with + to combine, with , to draw from several): gen_drafts.py's
none/width/mask/subst/drop, and substNN (NN% of the letters changed), reorder
(sentences, or clauses, shuffled), insert (5-15 characters of other text every
30-50), syn (common words swapped for near-synonyms), delete (1-3 characters
dropped every 15-25), trad (part of the paragraph in Traditional script);
`hard` draws from the harder kinds. Standard library only.
"""
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "eval"))
import gen_drafts as gen  # noqa: E402

SYNONYMS = [
    ("进一步", "更加"), ("推进", "推动"), ("加强", "强化"), ("坚持", "始终坚持"), ("我们", "我市"),
    ("提高", "提升"), ("全面", "全方位"), ("积极", "主动"), ("深入", "深化"), ("切实", "务必"),
    ("不断", "持续"), ("着力", "致力"), ("落实", "贯彻"), ("促进", "推动"), ("实现", "达成"),
    ("完善", "健全"), ("打造", "建设"), ("确保", "保证"), ("做好", "抓好"), ("扎实", "务实"),
    ("努力", "奋力"), ("加快", "加速"), ("充分", "全面"), ("重要", "关键"), ("目标", "任务"),
    ("大力", "全力"), ("有效", "切实"), ("优化", "改善"), ("构建", "建立"), ("干部", "同志"),
    ("企业", "市场主体"), ("项目", "工程"),
]
SIMPLIFIED = "发会经济国这为进区开实现业产动时们个对说问题东长门关来过后学还没样种义点党财员团设总统计达导层处众机热营条专费资际应认让议论边"
TRADITIONAL = "發會經濟國這為進區開實現業產動時們個對說問題東長門關來過後學還沒樣種義點黨財員團設總統計達導層處眾機熱營條專費資際應認讓議論邊"
TRAD = dict(zip(SIMPLIFIED, TRADITIONAL))
SENT = re.compile(r"(?<=[。；;！!？?])")
CLAUSE = re.compile(r"(?<=[，,。；;！!？?])")
HARD = ["subst8", "subst15", "reorder", "insert", "syn", "delete", "trad",
        "subst8+reorder+width", "syn+delete+mask", "insert+trad"]
ORIGINALS = []


def substitute_rate(rng, s, pool, rate):
    return "".join(rng.choice(pool) if c.isalnum() and rng.random() < rate else c for c in s)


def reorder(rng, s):
    parts = [p for p in SENT.split(s) if p]
    if len(parts) < 3:
        parts = [p for p in CLAUSE.split(s) if p]
    if len(parts) < 2:
        return s
    for _ in range(10):
        q = parts[:]
        rng.shuffle(q)
        if q != parts:
            return "".join(q)
    return s


def insert_clauses(rng, s):
    out, i = [], 0
    while i < len(s):
        step = rng.randint(30, 50)
        out.append(s[i:i + step])
        i += step
        if i < len(s):
            src = rng.choice(ORIGINALS)
            n = rng.randint(5, 15)
            j = rng.randrange(0, max(1, len(src) - n))
            out.append(src[j:j + n])
    return "".join(out)


def synonyms(s):
    for i, (a, _) in enumerate(SYNONYMS):
        s = s.replace(a, "\0%d\0" % i)
    return re.sub("\0(\\d+)\0", lambda m: SYNONYMS[int(m.group(1))][1], s)


def delete_chars(rng, s):
    out, i = [], 0
    while i < len(s):
        step = rng.randint(15, 25)
        out.append(s[i:i + step])
        i += step + rng.randint(1, 3)
    return "".join(out)


def traditional(rng, s):
    n = len(s)
    a = rng.randrange(0, max(1, n // 2))
    b = rng.randint(a + n // 2, n)
    return s[:a] + "".join(TRAD.get(c, c) for c in s[a:b]) + s[b:]


BASE_EDIT = gen.edit


def edit(rng, s, kind, pool):
    for part in kind.split("+"):
        if re.fullmatch(r"subst\d+", part):
            s = substitute_rate(rng, s, pool, int(part[5:]) / 100)
        elif part == "reorder":
            s = reorder(rng, s)
        elif part == "insert":
            s = insert_clauses(rng, s)
        elif part == "syn":
            s = synonyms(s)
        elif part == "delete":
            s = delete_chars(rng, s)
        elif part == "trad":
            s = traditional(rng, s)
        elif part in ("none", "width", "mask", "subst", "drop"):
            s = BASE_EDIT(rng, s, part, pool)
        else:
            raise SystemExit("unknown edit kind: " + part)
    return s


def main():
    argv = sys.argv[1:]
    kinds = "hard"
    if "--kinds" in argv:
        i = argv.index("--kinds")
        kinds = argv[i + 1]
        del argv[i:i + 2]
    gen.EDITS = HARD if kinds == "hard" else kinds.split(",")
    gen.edit = edit
    if "--originals" in argv:
        ORIGINALS.extend(gen.read_originals(argv[argv.index("--originals") + 1]))
    sys.argv = [sys.argv[0]] + argv
    gen.main()


if __name__ == "__main__":
    main()
