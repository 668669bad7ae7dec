use super::*;

#[test]
fn kangxi_radicals_are_the_ideographs_they_look_like() {
    // `提高粮食综合生产能力` with 高, 食, 生 written as Kangxi radicals.
    let n = normalize("提\u{2FBC}粮\u{2FB7}综合\u{2F63}产能力");
    assert_eq!(n.string(0, n.len()), "提高粮食综合生产能力");
    assert_eq!(
        n.byte_range(1, 2),
        3..6,
        "offsets still point at the radical"
    );
    // Radicals of Traditional forms are read as Simplified too.
    let n = normalize("\u{2FA8}\u{2FBA}\u{2F9E}");
    assert_eq!(n.string(0, n.len()), "门马车");
    for c in (0x2E80..=0x2FDF).filter_map(char::from_u32) {
        assert_eq!(radical(c).len_utf8(), c.len_utf8(), "{c}");
    }
}

fn s(n: &Normalized) -> String {
    n.string(0, n.len())
}

#[test]
fn drops_punctuation_and_folds_width() {
    let n = normalize("同志们：ＡＢ１２，好！");
    assert_eq!(s(&n), "同志们ab12好");
    assert_eq!(
        n.byte_range(3, 5),
        "ＡＢ".len() + "同志们：".len() - "ＡＢ".len().."同志们：ＡＢ".len()
    );
}

#[test]
fn html_left_in_the_text_is_read_as_the_page_shows_it() {
    let html = "<p>坚持&ldquo;五个必须&rdquo;，&nbsp;推动<br/>发展&#36827;步&#x4E2D;</p>";
    let n = normalize(html);
    assert_eq!(s(&n), "坚持五个必须推动发展进步中");
    // A referenced character maps back to its whole reference.
    let at = html.find("&#36827;").unwrap();
    assert_eq!(n.byte_range(10, 11), at..at + "&#36827;".len());
    // Text that only looks like markup is text.
    assert_eq!(s(&normalize("A<B 与 <增长> & Q&A;")), "ab与增长qa");
}

#[test]
fn masks_become_one_symbol() {
    assert_eq!(
        s(&normalize("以******同志为核心的党***周围")),
        "以*同志为核心的党*周围"
    );
    assert_eq!(s(&normalize("xx市××局")), "*市*局");
    assert_eq!(s(&normalize("20xx年")), "20*年");
    assert_eq!(s(&normalize("学习“”精神")), "学习*精神");
    assert_eq!(s(&normalize("max box")), "maxbox");
    assert_eq!(s(&normalize("3×4")), "34");
}

#[test]
fn characters_outside_the_plane_fold_to_private_codes() {
    // CJK Extension B (𠀀 U+20000, 𪚥 U+2A6A5) and a math letter, which NFKC
    // folding does not reach here.
    let n = normalize("用𠀀和𪚥写");
    assert_eq!(n.len(), 5);
    for &c in [n.chars[1], n.chars[3]].iter() {
        assert!(c > MASK && (c as u32) <= 0xF8FF, "{c:x}");
    }
    assert_ne!(n.chars[1], n.chars[3]);
    assert_eq!(&"用𠀀和𪚥写"[n.byte_range(1, 2)], "𠀀");
    assert_eq!(sym('党'), '党' as Sym);
    assert_eq!(sym_char(MASK), '\u{E000}');
    // Input private-use characters do not count, so none meets the mask.
    assert_eq!(normalize("\u{E000}\u{E001}").len(), 0);
}

#[test]
fn traditional_matches_simplified() {
    assert_eq!(s(&normalize("經濟發展")), "经济发展");
}

#[test]
fn simplified_one_character_at_a_time_equals_fast2s() {
    let table = MayConvert::get();
    let per_char = |text: &str| -> String {
        text.char_indices()
            .map(|(at, c)| simplified_at(table, text, at, c))
            .collect()
    };
    let seed = include_str!("../../corpus/kaifaqu-19.txt");
    for text in [
        seed,
        "經濟發展",
        "看著",
        "乾隆",
        "计畫",
        "甚夥",
        "著",
        "答覆批覆",
        "憑藉",
    ] {
        assert_eq!(
            per_char(text),
            fast2s::convert(text),
            "{}",
            text.chars().take(10).collect::<String>()
        );
    }
    let all: String = (0x800..=0xFFFF).filter_map(char::from_u32).collect();
    assert_eq!(per_char(&all), fast2s::convert(&all));
}

#[test]
fn the_short_way_gives_what_the_whole_way_gives() {
    let both = |text: &str| {
        let short = normalize_with(text, Some(Quick::get()));
        assert_eq!(short, normalize_with(text, None), "{text:?}");
        short
    };
    let seed = both(include_str!("../../corpus/kaifaqu-19.txt"));
    assert!(seed.len() > 10_000);
    // Every character of the plane, alone and beside the characters that
    // start or end a mask, a Traditional one and a digit.
    let plane: Vec<char> = (0..0x10000).filter_map(char::from_u32).collect();
    for next in ['x', '*', '×', '“', '”', '"', '著', '7', '国'] {
        let text: String = plane.iter().flat_map(|&c| [c, next, c]).collect();
        both(&text);
        let text: String = plane.iter().flat_map(|&c| [next, c, c, next]).collect();
        both(&text);
    }
    // Most characters are taken or dropped the short way.
    let quick = Quick::get();
    let short = plane.iter().filter(|&&c| quick.of(c).is_some()).count();
    assert!(short > 60_000, "{short}");
    assert_eq!(quick.of('党'), Some(true));
    assert_eq!(quick.of('，'), None, "full width: folded");
    assert_eq!(quick.of('。'), Some(false));
    assert_eq!(quick.of('國'), None, "Traditional");
    assert_eq!(quick.of('𠀀'), None, "outside the plane");
}

#[test]
fn offsets_map_back() {
    let text = "一、以******同志";
    let n = normalize(text);
    for i in 0..n.len() {
        let r = n.byte_range(i, i + 1);
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    assert_eq!(&text[n.byte_range(2, 3)], "******");
}

#[test]
fn long_masks_keep_their_end() {
    let stars = "*".repeat(300);
    let text = format!("以{stars}同志{}周围", "×".repeat(200));
    let n = normalize(&text);
    assert_eq!(s(&n), "以*同志*周围");
    assert_eq!(&text[n.byte_range(1, 2)], stars);
    assert_eq!(&text[n.byte_range(4, 5)], "×".repeat(200));
    assert_eq!(&text[n.byte_range(5, 7)], "周围");
    assert_eq!(n.first_ending_after(3), 1);
    assert_eq!(n.first_ending_after(text.len()), n.len());
}

#[test]
fn full_width_x_maps_to_its_whole_character() {
    // found by the normalize fuzz target: `ｘ` mapped to its first byte only
    let text = "落实ｘ党风";
    let n = normalize(text);
    assert_eq!(s(&n), "落实x党风");
    assert_eq!(&text[n.byte_range(2, 3)], "ｘ");
}
