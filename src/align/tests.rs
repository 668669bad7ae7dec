use super::*;
use crate::normalize::normalize;

fn al(a: &str, b: &str) -> Vec<Chain> {
    al_with(a, b, &AlignParams::default())
}

fn al_with(a: &str, b: &str, p: &AlignParams) -> Vec<Chain> {
    align(&normalize(a).chars, &normalize(b).chars, p)
}

/// The alignment `check` runs (it bridges an edit beside a deletion).
fn check_params() -> AlignParams {
    crate::check::CheckOptions::default().align
}

const SRC: &str = "我们要紧密团结在以习近平同志为核心的党中央周围，全面落实党风廉政建设责任制，努力开创开发区工作新局面。";

#[test]
fn identical_text_is_one_passage() {
    let c = al(SRC, SRC);
    let n = normalize(SRC).len();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].a_range(), 0..n);
    assert_eq!(c[0].matched, n);
}

#[test]
fn reordered_sentences_are_all_covered() {
    // Real sentences of the seed; the copy moves the second one to the end.
    let s = [
        "这次会议是市委决定召开的一次非常重要的会议。",
        "刚才，会议传达了省和市宣传思想工作会议精神，命名表彰了我市宣传思想战线先进集体和先进个人。",
        "市委对宣传思想战线的工作是满意的。",
        "一年来，宣传思想战线以贯彻落实科学发展观为主线，紧紧围绕全市的中心和大局，唱响主旋律，打好主动仗。",
    ];
    let a = s.concat();
    let b = [s[0], s[2], s[3], s[1]].concat();
    let (na, nb) = (normalize(&a), normalize(&b));
    let c = align(&na.chars, &nb.chars, &AlignParams::default());
    let inside = covered(na.len(), c.iter().flat_map(|c| c.a_spans.clone()));
    assert!(
        inside * 100 >= na.len() * 95,
        "{inside} of {}: {c:?}",
        na.len()
    );
}

#[test]
fn a_stretch_of_changed_characters_stays_inside_the_passage() {
    // Both sides keep their length; every third character of the middle
    // stretch is changed, so no seed of six characters is left in it.
    let a = "我们要紧密团结在以习近平同志为核心的党中央周围，认真研究落实一系列调结构转方式促发展的有效举措，努力开创开发区工作新局面。";
    let b = "我们要紧密团结在以习近平同志为核心的党中央周围，认真研究落甲一系乙调结丙转方丁促发戊的有己举措，努力开创开发区工作新局面。";
    let c = al(a, b);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].a_range(), 0..normalize(a).len());
    // The same length of unrelated text between the two is not bridged.
    let b = "我们要紧密团结在以习近平同志为核心的党中央周围，今年全市粮食总产量再创历史新高农民收入持续增长，努力开创开发区工作新局面。";
    let c = al(a, b);
    assert_eq!(c.len(), 2, "{c:?}");
}

#[test]
fn a_stretch_with_most_characters_changed_stays_inside_when_a_third_agree() {
    // Three of every five characters of the middle stretch changed (a copy
    // with 30% of its characters changed has such stretches): 10 of its 23
    // characters agree, in runs of two, so no seed is left in it.
    let a = "我们要紧密团结在以习近平同志为核心的党中央周围，认真研究落实一系列调结构转方式促发展的有效举措，努力开创开发区工作新局面。";
    let b = "我们要紧密团结在以习近平同志为核心的党中央周围，认真丙丁戊实一辛壬癸结构寅卯辰促发未申酉效举天，努力开创开发区工作新局面。";
    let c = al(a, b);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].a_range(), 0..normalize(a).len());
}

#[test]
fn matches_are_cut_back_off_covered_text() {
    let taken = Covered([(0, 10), (30, 40)].into());
    let m = |a, len| Block { a, b: a + 100, len };
    // One character into the covered text before it: trimmed, and its
    // other side moves with it.
    assert_eq!(taken.uncovered(m(9, 15), 6), [m(10, 14)]);
    assert_eq!(taken.uncovered(m(12, 20), 6), [m(12, 18)]);
    assert_eq!(taken.uncovered(m(5, 8), 6), [], "too little left");
    assert_eq!(
        taken.uncovered(m(12, 40), 6),
        [m(12, 18), m(40, 12)],
        "on both sides of covered text"
    );
    assert_eq!(taken.uncovered(m(12, 22), 6), [m(12, 18)], "4 after it");
    assert_eq!(taken.uncovered(m(31, 5), 6), [], "inside covered text");
}

#[test]
fn masks_and_changed_characters_stay_inside_one_passage() {
    let edited = "我们要紧密团结在以******同志为核心的党中央周围，全面落实党风廉政建设责任制，努力开创开发区工作新格局。";
    let c = al(edited, SRC);
    assert_eq!(c.len(), 1);
    let n = normalize(edited).len();
    assert_eq!(c[0].a_range().start, 0);
    assert!(c[0].a_range().end >= n - 2, "{:?}", c[0].a_range());
}

#[test]
fn deleted_sentence_is_bridged() {
    let src = "第一句话讲的是开发区的发展成就。第二句话讲的是存在问题和不足之处。第三句话讲的是下一步的工作安排。";
    let draft = "第一句话讲的是开发区的发展成就。第三句话讲的是下一步的工作安排。";
    let c = al(draft, src);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].a_covered(), normalize(draft).len());
    assert_eq!(c[0].b_spans.len(), 2);
}

#[test]
fn unrelated_text_shares_nothing() {
    let other = "为了规范物业管理活动，维护业主和物业服务企业的合法权益，制定本条例。";
    assert!(al(other, SRC).is_empty());
}

#[test]
fn ends_grow_over_a_changed_edge_character() {
    let src = normalize("各级党组织要全面落实党风廉政建设责任制确保各项工作落到实处").chars;
    let draft = normalize("各级党备织要全面落实党风廉政建设责任制确保各项工作备到实处").chars;
    let mut c = align(&draft, &src, &AlignParams::default()).remove(0);
    assert_eq!(c.a_range(), 4..draft.len() - 4);
    extend_ends(&draft, &src, &mut c);
    assert_eq!(c.a_range(), 0..draft.len());
}

#[test]
fn ends_grow_as_far_as_characters_match_as_often_as_not() {
    // Past the last seed (`又要积极促进`), six of the ten characters still
    // stand where they stood; then the texts part (another sentence follows
    // in the draft, the paragraph ends in the source).
    let src =
        normalize("又要积极促进经济转型升级、行稳致远。加快培育消费增长点。鼓励大众消费。").chars;
    let draft = normalize("又要积极促进学西转型出级、行目致远。迈增打和调结涌相辅相成。").chars;
    let mut c = Chain {
        blocks: vec![Block { a: 0, b: 0, len: 6 }],
        a_spans: std::iter::once(0..6).collect(),
        b_spans: std::iter::once(0..6).collect(),
        matched: 6,
    };
    extend_ends(&draft, &src, &mut c);
    assert_eq!(c.a_range(), 0..16);
    assert_eq!(c.b_range(), 0..16);
}

#[test]
fn covered_counts_overlaps_once() {
    assert_eq!(covered(10, [0..4, 2..6, 8..12]), 8);
}

#[test]
fn pieces_around_a_gap_whose_characters_partly_agree_are_one_passage() {
    // A sentence of a copy with a fifth of its characters changed (from a
    // reordered draft): six characters that match, thirteen of which five
    // agree (要最根, 的, 权), six that match. At half a character for each of the thirteen the
    // second piece did not pay for the gap and neither piece alone has
    // `min_matched` characters.
    let draft = "但是我认为最体要最根当的负宾本使当权目实不到位的问市";
    let src = "但是我认为最重要最根本的还是有关事权落实不到位的问题";
    let c = al(draft, src);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].matched, 12);
    assert_eq!(c[0].a_range(), 0..25);
}

#[test]
fn an_edit_beside_a_dropped_clause_is_bridged_where_allowed() {
    // The draft changed characters of a clause and dropped the clause after
    // it: twelve characters of the draft (seven agree with the source's
    // first twelve) against forty-six of the source, between two pieces of
    // ten.
    let draft = "我们要把工业强区作为按志可移的基部改略十护五努力做大做强工业经济";
    let src = "我们要把工业强区作为矢志不移的基本战略十二五我们面临的最大问题仍是工业经济发展不足必须矢志不移地坚持以工业为主导努力做大做强工业经济";
    let c = al_with(draft, src, &check_params());
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].a_spans, vec![0..32]);
    assert_eq!(c[0].b_spans.len(), 2, "the dropped clause is not covered");
    // Off (as in `scan`): neither piece alone has `min_matched` characters.
    assert!(al(draft, src).is_empty());
    // Unrelated text of the same length in the draft is not bridged.
    let other = "我们要把工业强区作为今年粮食产量再创新高努力做大做强工业经济";
    assert!(al_with(other, src, &check_params()).is_empty());
}

#[test]
fn a_changed_stretch_beside_a_dropped_clause_is_covered_on_the_draft_side() {
    // Sixteen characters of the draft, six of them agreeing with the source,
    // where the source has nineteen and then a clause the draft dropped:
    // longer than a short gap, so only the mixed rule covers it in the draft
    // (and never the source's side).
    let draft = "坚持把项目建设作为经济工作的重乙丙重戊己以辛壬好子丑工卯辰前以工业为主导努力做大做强工业经济";
    let src = "坚持把项目建设作为经济工作的重中之重全力以赴抓好重点工程的前期准备\
               我们面临的最大问题仍是工业经济发展不足必须矢志不移地坚持以工业为主导努力做大做强工业经济";
    let (n, m) = (normalize(draft).len(), normalize(src).len());
    let c = al_with(draft, src, &check_params());
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].a_spans, vec![0..n]);
    // (The first piece runs on over 重, which the stretch kept.)
    assert_eq!(c[0].b_spans, vec![0..15, m - 16..m]);
    // Off: the two pieces stand apart.
    let off = al(draft, src);
    assert_eq!(off.len(), 2, "{off:?}");
}

#[test]
fn gaps_agree_at_the_same_place_or_around_the_best_split() {
    let s = |t: &str| normalize(t).chars;
    // One length: the characters equal at the same place.
    assert_eq!(agreeing(&s("经济转型升级"), &s("学西转型出级")), 3);
    // A character dropped: aligned at the start before it and at the end after.
    assert_eq!(agreeing(&s("全面从严治党"), &s("全面从严格治党")), 6);
    // A mask agrees with a character.
    assert_eq!(agreeing(&[MASK, 1, 2], &[9, 1, 2]), 3);
    assert_eq!(agreeing(&[], &s("治党")), 0);
}

#[test]
fn a_cut_chain_keeps_its_grown_ends_on_both_sides() {
    // Two blocks, the chain grown by 2 at its start and 3 at its end (on
    // the diagonal), cut at the draft-only gap between its spans.
    let c = Chain {
        blocks: vec![
            Block {
                a: 12,
                b: 32,
                len: 8,
            },
            Block {
                a: 40,
                b: 45,
                len: 6,
            },
        ],
        a_spans: vec![10..20, 40..49],
        b_spans: std::iter::once(30..54).collect(),
        matched: 14,
    };
    let pieces = c.split_a(|gap| gap.len() > 10);
    assert_eq!(pieces.len(), 2);
    assert_eq!((pieces[0].a_range(), pieces[0].b_range()), (10..20, 30..40));
    assert_eq!((pieces[1].a_range(), pieces[1].b_range()), (40..49, 45..54));
}

#[test]
fn a_short_match_linked_to_a_taken_passage_does_not_cut_a_paragraph_copied_whole() {
    // A passage of two matches (0..100, 102..202), a stray match of 13
    // (a 260, b 100) that can follow its first match across a deletion, and a
    // paragraph copied whole further on (a 250..290 at b 700), too far in `b`
    // to join the passage. Ranked with the first match's score, the stray
    // one was taken before the paragraph and cut it to its first 10.
    let a: Vec<Sym> = (0..300).map(|i| 0x4E00 + i as Sym).collect();
    let b: Vec<Sym> = (0..760).map(|i| 0x5E00 + i as Sym).collect();
    let m = |a, b, len| Block { a, b, len };
    let mems = [
        m(0, 0, 100),
        m(102, 102, 100),
        m(250, 700, 40),
        m(260, 100, 13),
    ];
    let chains = chain(&a, &b, &mems, &AlignParams::default());
    let spans: Vec<Range<usize>> = chains.iter().map(|c| c.a_range()).collect();
    assert_eq!(spans, [0..202, 250..290], "{chains:?}");
}
