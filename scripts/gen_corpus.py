#!/usr/bin/env python3
"""Generate a large collection of speeches with planted copies, for benchmarks.

Standard library only; the output depends only on the inputs and --seed.

  gen_corpus.py [--from CORPORA] [--speeches N] [--mb SIZE] [--out DIR] [--seed S]

Paragraphs are taken from the real texts under CORPORA (default
`../shared/corpora` beside the repository: law revisions, national and
provincial government work reports), cleaned and de-duplicated, and dealt out
into speeches of 5-40 paragraphs, one speech per file (`DIR/s000123.txt`).
The pool is dealt like a shuffled deck: every paragraph is used once before any
is used again, so up to about the pool's size (~12 MB) unrelated speeches share
no paragraph at all; beyond it each paragraph appears in about SIZE/12 speeches
(the report line "pool reuse" says how many).

Planted among them:
  * near-duplicates: one or two copies of a speech, each with masked names
    (`******`, `××`, `XX`), full/half-width punctuation swaps, about 2% of the
    characters changed, and one paragraph dropped or one added, sometimes a line
    of site junk; every pair inside such a group is a required pair;
  * contained speeches: most of one speech (75-100%) as a block inside a longer
    one; a required pair;
  * copied passages: 1-3 consecutive paragraphs of one speech inside another
    (well under half of either); an optional pair (neither required nor false).

`DIR/truth.json` is in the format `../shared/eval/score.py scan` reads, with
"name_by": "source-basename". Pairs of unrelated speeches that happen to share
paragraphs (only when the pool is reused) are checked by paragraph identity:
sharing 70% or more of either speech makes a required pair, 30% or more an
optional one.
"""
import argparse
import json
import os
import random
import re
import sys
import time
import unicodedata

NUM = "一二三四五六七八九十百千零〇两0-9０-９"
# The default heading rule of `taohua` (src/ingest/split.rs): such a line would cut a file in two.
HEADING = re.compile(f"(篇[{NUM}]+$)|(^第[{NUM}]+篇)")
LABEL = re.compile(f"^(第[{NUM}]+[条章节款项编部分]|[（(]?[{NUM}]+[)）、.．]|[（(][{NUM}]+[)）])")
SENTENCE_END = re.compile("(?<=[。！？；])")
# Characters that only occur in Traditional script: paragraphs with several are left out
# (the early national reports), so that a speech does not mix scripts.
TRADITIONAL = set("們國會這個為說時發經與進對產業動關還從過現開將麼當點實題學體應機變頭員")
JUNK = [
    "更多精彩范文，请关注本站。",
    "本文来源于网络，如有侵权请联系删除。",
    "免费下载全文，点击这里查看更多相关文章。",
    "以上就是小编为大家整理的讲话稿范文，希望对大家有所帮助。",
    "温馨提示：本文内容仅供参考，欢迎收藏转发。",
]
TO_HALF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"}
TO_FULL = {v: k for k, v in TO_HALF.items()}
MASKS = ["******", "******", "***", "××", "XX"]
MAX_PARA = 500


def is_cjk(ch):
    return "\u4e00" <= ch <= "\u9fff"


def norm_key(text):
    """Letters and digits only, NFKC; a leading article or list label is dropped."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = LABEL.sub("", text)
    return "".join(c for c in text if c.isalnum())


def split_long(par):
    """Cut a paragraph longer than MAX_PARA characters at sentence ends."""
    if len(par) <= MAX_PARA:
        return [par]
    out, cur = [], ""
    for s in SENTENCE_END.split(par):
        if cur and len(cur) + len(s) > MAX_PARA:
            out.append(cur)
            cur = ""
        cur += s
    if cur:
        out.append(cur)
    return out


def read_pool(folder):
    """Distinct paragraphs of every .txt under folder, in a stable order."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(".txt"):
                files.append(os.path.join(root, n))
    files.sort()
    if not files:
        sys.exit(f"gen_corpus: no .txt files under {folder}")
    seen = {}
    heads, tails = {}, {}
    pool = []
    raw = dropped_trad = dropped_near = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for line in text.split("\n"):
            line = line.strip().strip("\u3000").strip()
            if not line:
                continue
            for par in split_long(line):
                raw += 1
                par = par.strip()
                if not par or (len(par) <= 40 and HEADING.search(par)):
                    continue
                if sum(c in TRADITIONAL for c in par) >= 2:
                    dropped_trad += 1
                    continue
                k = norm_key(par)
                if not k or k in seen:
                    continue
                seen[k] = True
                # Near-identical paragraphs (a law article in two revisions, a sentence
                # kept from one year's report to the next): one per family.
                if len(k) >= 30:
                    h, t = k[:20], k[-20:]
                    if h in heads or t in tails:
                        dropped_near += 1
                        continue
                    heads[h] = True
                    tails[t] = True
                pool.append(par)
    return pool, {"files": len(files), "paragraphs": raw, "traditional": dropped_trad, "near_identical": dropped_near}


class Deck:
    """Deals paragraph ids like a shuffled deck, reshuffling when it runs out."""

    def __init__(self, n, rng):
        self.n, self.rng, self.cards, self.rounds = n, rng, [], 0

    def deal(self):
        if not self.cards:
            self.cards = list(range(self.n))
            self.rng.shuffle(self.cards)
            self.rounds += 1
        return self.cards.pop()


class Gen:
    def __init__(self, pool, rng, junk_rate):
        self.pool, self.rng, self.junk_rate = pool, rng, junk_rate
        self.deck = Deck(len(pool), rng)
        self.plens = [len(norm_key(p)) or 1 for p in pool]
        self.chars = [c for p in pool[: min(len(pool), 3000)] for c in p if is_cjk(c)]
        # A speech: {"paras": [[pid or None, text], ...], "style": ..., "junk": [...]}
        self.speeches = []
        self.unused = []  # originals not yet taken by a plant

    def fresh(self, n):
        out = []
        for _ in range(n):
            pid = self.deck.deal()
            out.append([pid, self.pool[pid]])
        return out

    def style(self):
        r = self.rng
        return {"indent": r.random() < 0.4, "blank": r.random() < 0.3}

    def add(self, paras, origin, kind):
        junk = []
        if self.rng.random() < self.junk_rate:
            junk.append(self.rng.choice(JUNK))
        sp = {"paras": paras, "style": self.style(), "junk": junk, "origin": origin, "kind": kind}
        self.speeches.append(sp)
        return len(self.speeches) - 1

    def original(self):
        i = self.add(self.fresh(self.rng.randint(5, 40)), None, "original")
        self.unused.append(i)
        return i

    def take(self, min_paras=1, max_paras=99):
        """An unused original with a paragraph count in range, removed from the unused list."""
        r = self.rng
        for _ in range(20):
            if not self.unused:
                return None
            j = r.randrange(len(self.unused))
            i = self.unused[j]
            if min_paras <= len(self.speeches[i]["paras"]) <= max_paras:
                self.unused[j] = self.unused[-1]
                self.unused.pop()
                return i
        return None

    def length(self, paras):
        return sum(len(norm_key(t)) for _, t in paras) or 1

    # --- edits of a near-duplicate copy -------------------------------------------------

    def edit_text(self, text, rate, swap):
        r = self.rng
        chars = list(text)
        for i, c in enumerate(chars):
            if is_cjk(c) and r.random() < rate:
                chars[i] = r.choice(self.chars)
            elif swap == "half" and c in TO_HALF:
                chars[i] = TO_HALF[c]
            elif swap == "full" and c in TO_FULL:
                chars[i] = TO_FULL[c]
            elif swap == "commas" and c == "，":
                chars[i] = ","
        return "".join(chars)

    def mask(self, text):
        r = self.rng
        spots = [i for i in range(len(text) - 3) if all(is_cjk(c) for c in text[i : i + 3])]
        if not spots:
            return text
        i = r.choice(spots)
        n = r.randint(2, 3)
        return text[:i] + r.choice(MASKS) + text[i + n :]

    def near_copy(self, src):
        r = self.rng
        paras = [list(p) for p in self.speeches[src]["paras"]]
        rate = r.uniform(0.01, 0.03)
        swap = r.choice(["half", "half", "commas", "full", None])
        paras = [[pid, self.edit_text(t, rate, swap)] for pid, t in paras]
        for _ in range(r.randint(0, 4)):
            k = r.randrange(len(paras))
            paras[k][1] = self.mask(paras[k][1])
        total = self.length(paras)
        small = [k for k, (_, t) in enumerate(paras) if len(norm_key(t)) <= 0.12 * total]
        if r.random() < 0.5 and len(paras) > 5 and small:
            paras.pop(r.choice(small))
        else:
            extra = self.fresh(1)[0]
            if len(norm_key(extra[1])) <= 0.15 * total:
                paras.insert(r.randint(0, len(paras)), extra)
        i = self.add(paras, src, "near-duplicate")
        if r.random() < 0.5:
            self.speeches[i]["junk"].append(r.choice(JUNK))
        return i

    def contained(self):
        r = self.rng
        a = self.take(5, 20)
        if a is None:
            return None
        inner = [list(p) for p in self.speeches[a]["paras"]]
        alen = self.length(inner)
        # Drop up to a quarter of the inner speech, from either end.
        while len(inner) > 4 and r.random() < 0.5:
            cut = inner[0] if r.random() < 0.5 else inner[-1]
            if self.length(inner) - len(norm_key(cut[1])) < 0.75 * alen:
                break
            inner.remove(cut)
        swap = r.choice(["half", None, None])
        inner = [[pid, self.edit_text(t, 0.0, swap)] for pid, t in inner]
        outer = self.fresh(r.randint(4, 20))
        while self.length(outer) < 0.5 * self.length(inner):
            outer += self.fresh(1)
        at = r.randint(0, len(outer))
        b = self.add(outer[:at] + inner + outer[at:], a, "contained")
        return a, b

    def passage(self):
        r = self.rng
        a = self.take(6, 40)
        b = self.take(8, 40)
        if a is None or b is None:
            for x in (a, b):
                if x is not None:
                    self.unused.append(x)
            return None
        pa = self.speeches[a]["paras"]
        pb = self.speeches[b]["paras"]
        alen, blen = self.length(pa), self.length(pb)
        n = r.randint(1, 3)
        for _ in range(10):
            s = r.randrange(len(pa) - n + 1)
            block = pa[s : s + n]
            bl = self.length(block)
            if bl <= 0.35 * alen and bl <= 0.35 * blen and bl >= 20:
                at = r.randint(0, len(pb))
                pb[at:at] = [list(p) for p in block]
                self.speeches[b]["kind"] = "passage-target"
                return a, b, sum(len(t.encode("utf-8")) + 1 for _, t in block)
            n = max(1, n - 1)
        self.unused += [a, b]
        return None

    # --- output ---------------------------------------------------------------------------

    def render(self, sp):
        st = sp["style"]
        lines = [("\u3000\u3000" if st["indent"] else "") + t for _, t in sp["paras"]]
        if sp["junk"]:
            lines.insert(self.rng.randint(len(lines) // 2, len(lines)), sp["junk"][0])
        for j in sp["junk"][1:]:
            lines.append(j)
        sep = "\n\n" if st["blank"] else "\n"
        return sep.join(lines) + "\n"


def overlaps(speeches, plen):
    """Shared characters of every pair that shares a paragraph id, by paragraph identity."""
    holders = {}
    for i, sp in enumerate(speeches):
        for pid in dict.fromkeys(pid for pid, _ in sp["paras"] if pid is not None):
            holders.setdefault(pid, []).append(i)
    shared = {}
    for pid, hs in holders.items():
        if len(hs) < 2:
            continue
        w = plen[pid]
        for x in range(len(hs)):
            for y in range(x + 1, len(hs)):
                key = (hs[x], hs[y])
                shared[key] = shared.get(key, 0) + w
    lens = []
    for sp in speeches:
        ids = dict.fromkeys(pid for pid, _ in sp["paras"] if pid is not None)
        lens.append(sum(plen[p] for p in ids) or 1)
    return shared, lens


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="source", default=os.path.join(repo, "..", "shared", "corpora"),
                    help="folder of real texts to take paragraphs from")
    ap.add_argument("--speeches", type=int, help="stop at this many speeches")
    ap.add_argument("--mb", type=float, help="stop at this many megabytes (10^6 bytes) of text")
    ap.add_argument("--out", default=os.path.join(repo, "target", "bench-corpus"), help="output folder")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dup-rate", type=float, default=0.04, help="share of new speeches that copy one")
    ap.add_argument("--contained-rate", type=float, default=0.015)
    ap.add_argument("--passage-rate", type=float, default=0.03)
    ap.add_argument("--junk-rate", type=float, default=0.02, help="share of speeches with a site junk line")
    a = ap.parse_args()
    if a.speeches is None and a.mb is None:
        a.mb = 10.0
    t0 = time.time()
    rng = random.Random(a.seed)
    pool, pstats = read_pool(a.source)
    g = Gen(pool, rng, a.junk_rate)
    budget = a.mb * 1e6 if a.mb is not None else float("inf")
    limit = a.speeches if a.speeches is not None else float("inf")
    groups = {}  # original -> [copies]
    contained, passages = [], []
    size = 0
    while len(g.speeches) < limit and size < budget:
        before = len(g.speeches)
        x = rng.random()
        if x < a.dup_rate and len(g.unused) > 20:
            src = g.take()
            if src is not None:
                groups[src] = [g.near_copy(src)]
                if rng.random() < 0.3 and len(g.speeches) < limit:
                    groups[src].append(g.near_copy(src))
        elif x < a.dup_rate + a.contained_rate and len(g.unused) > 20:
            got = g.contained()
            if got:
                contained.append(got)
        elif x < a.dup_rate + a.contained_rate + a.passage_rate and len(g.unused) > 20:
            got = g.passage()
            if got:
                passages.append(got[:2])
                size += got[2]
        else:
            g.original()
        for sp in g.speeches[before:]:
            size += sum(len(t.encode("utf-8")) + 1 for _, t in sp["paras"])

    # Names in a random order, so copies are not next to their originals.
    order = list(range(len(g.speeches)))
    rng.shuffle(order)
    name = {i: f"s{k:06d}.txt" for k, i in enumerate(order)}
    os.makedirs(a.out, exist_ok=True)
    for old in os.listdir(a.out):
        if re.fullmatch(r"s\d+\.txt", old) or old == "truth.json":
            os.remove(os.path.join(a.out, old))
    total = 0
    for i in order:
        data = g.render(g.speeches[i]).encode("utf-8")
        total += len(data)
        with open(os.path.join(a.out, name[i]), "wb") as f:
            f.write(data)

    # Truth.
    required, optional = {}, {}

    def put(table, x, y, kind, **extra):
        x, y = sorted((name[x], name[y]))
        table.setdefault((x, y), {"a": x, "b": y, "kind": kind, **extra})

    for src, copies in groups.items():
        members = [src] + copies
        for p in range(len(members)):
            for q in range(p + 1, len(members)):
                put(required, members[p], members[q], "near-duplicate")
    for x, y in contained:
        put(required, x, y, "contained")
    for x, y in passages:
        put(optional, x, y, "passage")
    shared, lens = overlaps(g.speeches, g.plens)
    accidental_req = accidental_opt = weak_planted = 0
    for (x, y), s in shared.items():
        share = max(s / lens[x], s / lens[y])
        key = tuple(sorted((name[x], name[y])))
        if key in required:
            if share < 0.6:
                weak_planted += 1
            required[key]["shared_share"] = round(share, 3)
            continue
        if key in optional:
            optional[key]["shared_share"] = round(share, 3)
            continue
        if share >= 0.7:
            put(required, x, y, "accidental-overlap", shared_share=round(share, 3))
            accidental_req += 1
        elif share >= 0.3:
            put(optional, x, y, "accidental-overlap", shared_share=round(share, 3))
            accidental_opt += 1
    for k in list(optional):
        if k in required:
            del optional[k]
    truth = {
        "corpus": os.path.basename(os.path.abspath(a.out)),
        "name_by": "source-basename",
        "documents": len(g.speeches),
        "about": ("Generated by scripts/gen_corpus.py from the paragraphs of ../shared/corpora. "
                  "Required pairs: near-duplicate copies (masks, punctuation width, ~2% changed "
                  "characters, a paragraph dropped or added) and contained speeches. Optional "
                  "pairs: copied passages and unplanned paragraph overlaps of 30-70%."),
        "generator": {"seed": a.seed, "mb": a.mb, "speeches": a.speeches, "bytes": total,
                      "pool_paragraphs": len(pool), "pool_reuse": round(g.deck.rounds - len(g.deck.cards) / max(1, len(pool)), 2)},
        "duplicate_pairs": sorted(required.values(), key=lambda p: (p["a"], p["b"])),
        "optional_pairs": sorted(optional.values(), key=lambda p: (p["a"], p["b"])),
        "shared_phrases": [],
    }
    with open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    kinds = {}
    for sp in g.speeches:
        kinds[sp["kind"]] = kinds.get(sp["kind"], 0) + 1
    print(f"gen_corpus: {len(g.speeches)} speeches, {total / 1e6:.1f} MB in {a.out} ({time.time() - t0:.1f}s)", file=sys.stderr)
    print(f"  pool: {len(pool)} paragraphs from {pstats['files']} files ({pstats['paragraphs']} read, "
          f"{pstats['traditional']} Traditional-script and {pstats['near_identical']} near-identical left out); "
          f"pool reuse {truth['generator']['pool_reuse']}", file=sys.stderr)
    print(f"  speeches by kind: {dict(sorted(kinds.items()))}", file=sys.stderr)
    print(f"  truth: {len(required)} required pairs ({accidental_req} unplanned overlaps >= 70%), "
          f"{len(optional)} optional ({accidental_opt} unplanned 30-70%)"
          + (f"; WARNING {weak_planted} planted pairs share < 60%" if weak_planted else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
