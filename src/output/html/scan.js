// taohua scan report: clusters, contained speeches, the similarity map, phrases,
// templates, junk and speeches, each a paged table; any pair opens side by side.
(function () {
  // The data comes packed (rows as arrays, see scan_data.rs): unpack it into
  // the report's shapes. Passages are UTF-16 ranges of the speech texts.
  const docs = [];
  {
    let src = '', title = '';
    for (const r of D.docs) {
      src = src.slice(0, r[0]) + r[1];
      title = title.slice(0, r[2]) + r[3];
      docs.push({ id: docs.length, source: src, title, start_line: r[4], end_line: r[5], chars: r[6], masks: r[7] });
    }
  }
  const L = docs.map(d => d.title.slice(D.cut));
  const span = (f, i) => ({ start: f[i], end: f[i + 1], start_line: f[i + 2], end_line: f[i + 3] });
  const vr = v => ({ text: v[0], n: v[1], documents: v[2] });
  const R = {
    documents: docs,
    pairs: D.pairs.map(p => {
      const ps = [];
      for (let i = 0; i + 8 < p[7].length; i += 9) ps.push({ a: span(p[7], i), b: span(p[7], i + 4), chars: p[7][i + 8] });
      return { a: p[0], b: p[1], relation: p[2] ? 'contained' : 'near-duplicate', similarity: p[3], a_in_b: p[4], b_in_a: p[5], simhash_distance: p[6], passages: ps };
    }),
    clusters: D.clusters.map(c => ({ id: c[0], representative: c[1], documents: c[2] })),
    phrases: D.phrases.map(p => ({ kind: p[0], text: p[1], speeches: p[2], chars: p[3], uses: p[4],
      occurrences: p[5].map(o => ({ document: o[0], start_line: o[1], text: o.length > 2 ? o[2] : p[1] })), variants: p[6].map(vr) })),
    templates: D.templates.map(t => ({ skeleton: t[0], speeches: t[1], n: t[2], members: t[3].map(vr), slots: t[4] })),
    junk: D.junk.map(j => ({ text: j[0], reason: j[1], n: j[2], documents: j[3], uses: j[4], occurrences: j[5].map(o => ({ source: o[0], line: o[1] })) })),
  };
  // Speech texts (only of speeches in some pair), parsed when a pair is first opened;
  // a copy is stored as pieces of the speech it copies: [doc, start, length] or text.
  let rawTexts = blob('texts'), TX = null;
  function textOf(id) {
    if (!TX) { TX = JSON.parse(rawTexts || '{}'); rawTexts = null; }
    let t = TX[id];
    if (t == null || typeof t === 'string') return t;
    t = t.map(x => (typeof x === 'string' ? x : (textOf(x[0]) || '').slice(x[1], x[1] + x[2]))).join('');
    TX[id] = t;
    return t;
  }
  const more = (shown, total) => (total > shown ? h('span', { class: 'muted' }, ' +' + (total - shown)) : null);
  const key = (a, b) => Math.min(a, b) + '-' + Math.max(a, b);
  const pairs = new Map(R.pairs.map(p => [key(p.a, p.b), p]));
  const REL = { 'near-duplicate': ['重复', 'duplicate', 'red'], contained: ['包含', 'contained', 'orange'] };
  const KIND = { 'stock-phrase': ['套话', 'stock phrase', 'yellow'], passage: ['共有段落', 'shared passage', 'blue'], junk: ['垃圾', 'junk', 'grey'] };
  const relTag = r => tag((REL[r] || [r, '', 'grey'])[2], (REL[r] || [r])[0], (REL[r] || [r, ''])[1]);
  const kindTag = k => tag((KIND[k] || [k, '', 'grey'])[2], (KIND[k] || [k])[0], (KIND[k] || [k, ''])[1]);
  const name = id => (L[id] != null ? L[id] : '#' + id);
  const clusterOf = new Map();
  for (const c of R.clusters) for (const d of c.documents) clusterOf.set(d, c);
  const pairsOf = new Map();
  for (const p of R.pairs) for (const d of [p.a, p.b]) (pairsOf.get(d) || pairsOf.set(d, []).get(d)).push(p);

  function doc(id) {
    const d = docs[id];
    return h('span', { class: 'doc', title: d ? d.title + ' — ' + d.source + ':' + d.start_line : '' }, name(id), h('small', null, '#' + id));
  }
  const docText = id => { const d = docs[id]; return d ? name(id) + ' ' + d.title + ' #' + id : '#' + id; };
  const cmp = (p, label) => h('button', { class: 'btn sm', title: '并排对照 Side by side', onclick: () => openPair(p.a, p.b) }, label || '对照 Compare');
  const docList = (ids, n) => h('span', { class: 'docs' }, ids.slice(0, 12).map(doc), more(Math.min(12, ids.length), n == null ? ids.length : n));

  function clusters(el) {
    pagedTable(el, [
      { t: ['簇', 'No.'], cls: 'num', f: c => String(c.id) },
      { t: ['保留', 'Keep'], f: c => [doc(c.representative), ' ', tag('green', '代表', 'representative')] },
      { t: ['副本', 'Copies · similarity'], f: c => c.documents.filter(d => d !== c.representative).map(d => {
        const p = pairs.get(key(d, c.representative));
        return h('span', { class: 'cp' }, doc(d), p ? cmp(p, '相似度 ' + pct(p.similarity)) : null);
      }) },
      { t: ['篇数', 'Size'], cls: 'num', f: c => String(c.documents.length) },
    ], R.clusters, { filter: c => c.documents.map(docText).join(' '), rowAttrs: c => ({ 'data-cluster': c.id }) });
  }

  const inner = p => (p.a_in_b >= p.b_in_a ? [p.a, p.b, p.a_in_b] : [p.b, p.a, p.b_in_a]);
  function contained(el) {
    pagedTable(el, [
      { t: ['被包含', 'Inside'], f: p => doc(inner(p)[0]) },
      { t: ['所在', 'Within'], f: p => doc(inner(p)[1]) },
      { t: ['包含比例', 'Share inside'], cls: 'num', f: p => [pct(inner(p)[2]), ' ', bar(inner(p)[2], 'orange')] },
      { t: ['相似度', 'Similarity'], cls: 'num', f: p => pct(p.similarity) },
      { t: ['', ''], f: p => cmp(p) },
    ], R.pairs.filter(p => p.relation === 'contained'), { filter: p => docText(p.a) + ' ' + docText(p.b) });
  }

  function allPairs(el) {
    pagedTable(el, [
      { t: ['讲话 A', 'Speech A'], f: p => doc(p.a) },
      { t: ['讲话 B', 'Speech B'], f: p => doc(p.b) },
      { t: ['关系', 'Relation'], f: p => relTag(p.relation) },
      { t: ['相似度', 'Similarity'], cls: 'num', f: p => pct(p.similarity) },
      { t: ['A 在 B', 'A in B'], cls: 'num', f: p => pct(p.a_in_b) },
      { t: ['B 在 A', 'B in A'], cls: 'num', f: p => pct(p.b_in_a) },
      { t: ['汉明距离', 'Simhash dist.'], cls: 'num', f: p => String(p.simhash_distance) },
      { t: ['段落', 'Passages'], cls: 'num', f: p => String(p.passages.length) },
      { t: ['', ''], f: p => cmp(p) },
    ], R.pairs, { filter: p => docText(p.a) + ' ' + docText(p.b) + ' ' + p.relation });
  }

  // The similarity map: every speech for a small corpus, else the speeches in some
  // pair (cluster members first), at most 200.
  function heatmap(el) {
    if (!R.pairs.length) { el.append(h('p', { class: 'muted' }, '没有关联的讲话 · No related speeches.')); return; }
    let ids;
    if (docs.length <= 60) ids = docs.map(d => d.id);
    else {
      const seen = new Set();
      for (const c of R.clusters) for (const d of c.documents) seen.add(d);
      for (const p of R.pairs) { seen.add(p.a); seen.add(p.b); }
      ids = Array.from(seen).slice(0, 200);
    }
    const n = ids.length, cell = Math.max(3, Math.min(24, Math.floor(600 / n)));
    const lab = n <= 60 ? 8 + 13 * Math.min(8, Math.max(...ids.map(i => Array.from(name(i)).length))) : 0;
    const size = lab + n * cell, dpr = window.devicePixelRatio || 1;
    const cv = h('canvas', { width: Math.ceil(size * dpr), height: Math.ceil(size * dpr), style: 'width:' + size + 'px;height:' + size + 'px', role: 'img', 'aria-label': '相似度矩阵 Similarity map' });
    const ctx = cv.getContext('2d');
    ctx.scale(dpr, dpr);
    if (lab) {
      ctx.font = '12px ' + getComputedStyle(document.body).fontFamily;
      ctx.fillStyle = '#374151';
      ctx.textBaseline = 'middle';
      ids.forEach((id, i) => {
        const t = clip(name(id), 8);
        ctx.textAlign = 'right';
        ctx.fillText(t, lab - 6, lab + i * cell + cell / 2);
        // Column labels upright, one character a line (as Chinese is set vertically).
        ctx.textAlign = 'center';
        const cs = Array.from(t);
        cs.forEach((ch, k) => ctx.fillText(ch, lab + i * cell + cell / 2, lab - 6 - 13 * (cs.length - 1 - k) - 6));
      });
    }
    // Unrelated cells as one light square ruled white, then the diagonal and the pairs.
    const gap = cell >= 6 ? 1 : 0;
    const color = p => (p.relation === 'contained' ? 'rgba(217,119,6,' : 'rgba(200,16,46,') + (0.3 + 0.7 * p.similarity).toFixed(2) + ')';
    ctx.fillStyle = '#f1f3f5';
    ctx.fillRect(lab, lab, n * cell - gap, n * cell - gap);
    if (gap) {
      ctx.fillStyle = '#fff';
      for (let i = 1; i < n; i++) {
        ctx.fillRect(lab + i * cell - gap, lab, gap, n * cell);
        ctx.fillRect(lab, lab + i * cell - gap, n * cell, gap);
      }
    }
    const index = new Map(ids.map((id, i) => [id, i]));
    const cellAt = (i, j, style) => { ctx.fillStyle = style; ctx.fillRect(lab + j * cell, lab + i * cell, cell - gap, cell - gap); };
    ids.forEach((_, i) => cellAt(i, i, '#cbd5e1'));
    for (const p of R.pairs) {
      const i = index.get(p.a), j = index.get(p.b);
      if (i == null || j == null) continue;
      cellAt(i, j, color(p));
      cellAt(j, i, color(p));
    }
    const tip = h('div', { class: 'tip', hidden: true });
    const at = e => {
      const r = cv.getBoundingClientRect();
      const j = Math.floor((e.clientX - r.left - lab) / cell), i = Math.floor((e.clientY - r.top - lab) / cell);
      return i >= 0 && j >= 0 && i < n && j < n ? [ids[i], ids[j]] : null;
    };
    cv.addEventListener('mousemove', e => {
      const c = at(e);
      if (!c) { tip.hidden = true; cv.style.cursor = ''; return; }
      const p = c[0] === c[1] ? null : pairs.get(key(c[0], c[1]));
      tip.textContent = docs[c[0]].title + ' × ' + docs[c[1]].title + (p ? ' · ' + (REL[p.relation] || [p.relation])[0] + ' ' + p.relation + ' · 相似度 similarity ' + pct(p.similarity) : c[0] === c[1] ? '' : ' · 无关联 not related');
      tip.hidden = false;
      tip.style.left = (e.offsetX + 14) + 'px';
      tip.style.top = (e.offsetY + 14) + 'px';
      cv.style.cursor = p ? 'pointer' : '';
    });
    cv.addEventListener('mouseleave', () => { tip.hidden = true; });
    cv.addEventListener('click', e => { const c = at(e); if (c && pairs.has(key(c[0], c[1]))) openPair(c[0], c[1]); });
    const sw = (c, zh, en) => h('span', { class: 'sw' }, h('i', { style: 'background:' + c }), zh, ' ', h('span', { class: 'en' }, en));
    el.append(h('div', { class: 'heat' }, h('div', { class: 'heat-canvas' }, cv, tip),
      h('div', { class: 'heat-legend' },
        sw('rgba(200,16,46,.9)', '重复', 'duplicate'), sw('rgba(217,119,6,.9)', '包含', 'contained'), sw('#f1f3f5', '无关联', 'not related'),
        h('p', { class: 'muted' }, '颜色越深相似度越高；点击色块并排对照。', h('br'), h('span', { class: 'en' }, 'Darker is more similar; click a cell to compare.')),
        ids.length < docs.length ? h('p', { class: 'muted' }, '显示 ' + n + ' / ' + docs.length + ' 篇（仅有关联的讲话）', h('br'), h('span', { class: 'en' }, 'Showing ' + n + ' of ' + docs.length + ' speeches: those in some pair.')) : null)));
  }

  // What a capped table says under it: the page carries the most used rows.
  const capped = (shown, total, zh, en) => (total > shown ? h('p', { class: 'muted' }, '本页收录最常用的 ' + shown + ' ' + zh + '（共 ' + total + '），完整列表见 JSON 报告。',
    h('br'), h('span', { class: 'en' }, 'The ' + shown + ' most used of ' + total + ' ' + en + '; the JSON report (--format json) lists them all.')) : null);

  function phrases(el) {
    const counts = {};
    for (const p of R.phrases) counts[p.kind] = (counts[p.kind] || 0) + 1;
    let kind = '';
    const opts = [['', '全部 All ' + R.phrases.length]].concat(Object.keys(counts).map(k => [k, (KIND[k] || [k])[0] + ' ' + ((KIND[k] || [k, k])[1]) + ' ' + counts[k]]));
    const t = pagedTable(el, [
      { t: ['类型', 'Kind'], f: p => kindTag(p.kind) },
      { t: ['文字', 'Text'], cls: 'txt', f: p => h('span', { title: p.text }, masked(clip(p.text, 90))) },
      { t: ['讲话', 'Speeches'], cls: 'num', f: p => String(p.speeches) },
      { t: ['字数', 'Chars'], cls: 'num', f: p => String(p.chars) },
      { t: ['出现', 'Uses'], cls: 'num', f: p => String(p.uses) },
      { t: ['变体', 'Variants'], cls: 'txt', f: p => (p.variants || []).slice(0, 2).map(v => h('div', { class: 'variant' }, masked(clip(v.text, 40)))) },
    ], R.phrases, {
      note: capped(R.phrases.length, D.total.phrases, '条', 'phrases and passages'),
      filter: p => p.text + ' ' + (p.variants || []).map(v => v.text).join(' '),
      keep: p => !kind || p.kind === kind,
      tools: choice(opts, k => { kind = k; t.refresh(); }),
      detail: p => h('div', { class: 'occ' },
        h('p', { class: 'full' }, masked(p.text)),
        (p.variants || []).length ? h('div', null, h('b', null, '变体 Variants'), (p.variants || []).map(v => h('div', { class: 'variant' }, masked(v.text), ' ', docList(v.documents, v.n)))) : null,
        h('b', null, '出现位置 Occurrences'),
        h('ul', null, p.occurrences.map(o => h('li', null, doc(o.document), ' ', h('span', { class: 'muted' }, '行 line ' + o.start_line), ' ', masked(clip(o.text, 80))))),
        p.uses > p.occurrences.length ? h('p', { class: 'muted' }, '… 另有 ' + (p.uses - p.occurrences.length) + ' 处，见 JSON 报告 · ' + (p.uses - p.occurrences.length) + ' more in the JSON report (--format json)') : null),
    });
  }

  function templates(el) {
    const skel = s => s.split('…').flatMap((part, i) => (i ? [h('span', { class: 'slot' }, '…'), part] : [part]));
    pagedTable(el, [
      { t: ['句式', 'Skeleton'], cls: 'txt', f: t => skel(t.skeleton) },
      { t: ['讲话', 'Speeches'], cls: 'num', f: t => String(t.speeches) },
      { t: ['例句', 'Examples'], cls: 'txt', f: t => t.members.slice(0, 2).map(m => h('div', { class: 'variant' }, masked(clip(m.text, 50)))) },
      { t: ['填充', 'Slot fillers'], cls: 'txt', f: t => t.slots.map(s => h('div', { class: 'fill' }, clip(s.join(' / '), 60))) },
    ], R.templates, {
      note: capped(R.templates.length, D.total.templates, '句式', 'templates'),
      filter: t => t.skeleton + ' ' + t.members.map(m => m.text).join(' '),
      detail: t => h('ul', { class: 'occ' }, t.members.map(m => h('li', null, masked(m.text), ' ', docList(m.documents, m.n))),
        t.n > t.members.length ? h('li', { class: 'muted' }, '… 另有 ' + (t.n - t.members.length) + ' 句 · ' + (t.n - t.members.length) + ' more sentences in the JSON report') : null),
    });
  }

  function junk(el) {
    pagedTable(el, [
      { t: ['文字', 'Text'], cls: 'txt', f: j => h('span', { class: 'junk', title: j.text }, clip(j.text, 80)) },
      { t: ['原因', 'Reason'], f: j => j.reason },
      { t: ['位置', 'Where'], f: j => [j.occurrences.slice(0, 4).map(o => h('div', { class: 'muted' }, o.source + ':' + o.line)), j.uses > 4 ? '… +' + (j.uses - 4) : null] },
      { t: ['讲话', 'Speeches'], f: j => (j.documents.length ? docList(j.documents, j.n) : h('span', { class: 'muted' }, '汇编前言 preamble')) },
    ], R.junk, { filter: j => j.text + ' ' + j.reason });
  }

  function documents(el) {
    pagedTable(el, [
      { t: ['编号', 'ID'], cls: 'num', f: d => String(d.id) },
      { t: ['标题', 'Title'], f: d => [h('b', null, name(d.id)), ' ', h('span', { class: 'muted' }, d.title !== name(d.id) ? d.title : '')] },
      { t: ['位置', 'File · lines'], f: d => h('span', { class: 'muted' }, d.source + ':' + d.start_line + '–' + d.end_line) },
      { t: ['字数', 'Chars'], cls: 'num', f: d => String(d.chars) },
      { t: ['遮盖', 'Masks'], cls: 'num', f: d => String(d.masks) },
      { t: ['关系', 'Relations'], f: d => {
        const c = clusterOf.get(d.id);
        return [c ? tag(c.representative === d.id ? 'green' : 'red', '簇 ' + c.id, c.representative === d.id ? 'keep' : 'copy') : null,
          (pairsOf.get(d.id) || []).slice(0, 6).map(p => cmp(p, (REL[p.relation] || [p.relation])[0] + ' ' + name(p.a === d.id ? p.b : p.a)))];
      } },
    ], docs, { filter: d => d.title + ' ' + d.source + ' #' + d.id });
  }

  // Side by side: both speeches, aligned passages highlighted (differences inside
  // them marked), masks shown as masks; click a passage to find it on the other side.
  function openPair(a, b) {
    const p = pairs.get(key(a, b));
    if (!p) return;
    const head = [doc(p.a), h('span', { class: 'vs' }, '↔'), doc(p.b), ' ', relTag(p.relation),
      h('span', { class: 'metrics' }, '相似度 similarity ' + pct(p.similarity) + ' · A 在 B ' + pct(p.a_in_b) + ' · B 在 A ' + pct(p.b_in_a) + ' · 段落 passages ' + p.passages.length)];
    const ta = textOf(p.a), tb = textOf(p.b);
    const legend = h('div', { class: 'legend' }, h('mark', { class: 'hl h0' }, '对齐段落 aligned passage'), ' ', h('span', { class: 'diff' }, '差异 difference'), ' ', h('span', { class: 'mask' }, '**'), ' 遮盖 mask');
    if (ta == null || tb == null) {
      overlay(head, h('div', { class: 'sheet-body' }, h('p', { class: 'muted' }, '报告中没有这两篇的全文 · The texts of these speeches are not in the report.')), 'pair=' + p.a + '-' + p.b);
      return;
    }
    const sa = [], sb = [], rows = [];
    p.passages.forEach((ps, k) => {
      const a0 = ps.a.start, a1 = ps.a.end, b0 = ps.b.start, b1 = ps.b.end;
      const dd = diff(ta.slice(a0, a1), tb.slice(b0, b1));
      const cls = 'hl h' + (k % 2), title = '段落 passage ' + (k + 1);
      const num = () => h('sup', { class: 'pn' }, String(k + 1));
      sa.push({ s: a0, e: a1, cls, attrs: { 'data-k': k, title }, inner: dd ? dd[0].map(r => ({ s: a0 + r[0], e: a0 + r[1], cls: 'diff' })) : [], after: num });
      sb.push({ s: b0, e: b1, cls, attrs: { 'data-k': k, title }, inner: dd ? dd[1].map(r => ({ s: b0 + r[0], e: b0 + r[1], cls: 'diff' })) : [], after: num });
      rows.push(h('tr', { 'data-k': k, class: 'plink' }, h('td', { class: 'num' }, String(k + 1)),
        h('td', null, '行 ' + ps.a.start_line + '–' + ps.a.end_line), h('td', null, '行 ' + ps.b.start_line + '–' + ps.b.end_line),
        h('td', { class: 'num' }, String(ps.chars)), h('td', { class: 'num' }, dd ? String(dd[0].length + dd[1].length) : '—')));
    });
    sa.sort((x, y) => x.s - y.s);
    sb.sort((x, y) => x.s - y.s);
    const col = (id, side, text, spans) => {
      const d = docs[id];
      return h('div', { class: 'col', 'data-side': side },
        h('div', { class: 'col-head' }, h('b', null, side + ' · ' + d.title), h('div', { class: 'muted' }, d.source + ':' + d.start_line + '–' + d.end_line + ' · ' + d.chars + ' 字 chars · ' + d.masks + ' 遮盖 masks')),
        h('div', { class: 'text' }, marked(text, spans)));
    };
    const colA = col(p.a, 'A', ta, sa), colB = col(p.b, 'B', tb, sb);
    const goTo = k => { flash(colA.querySelector('mark[data-k="' + k + '"]')); flash(colB.querySelector('mark[data-k="' + k + '"]')); };
    const sync = h('input', { type: 'checkbox', checked: true });
    let echo = null;
    for (const [from, to] of [[colA, colB], [colB, colA]]) {
      from.addEventListener('click', e => {
        const m = e.target.closest('mark[data-k]');
        if (m) flash(to.querySelector('mark[data-k="' + m.dataset.k + '"]'));
      });
      // Scroll both sides together (proportionally) unless switched off.
      from.addEventListener('scroll', () => {
        if (echo === from) { echo = null; return; }
        if (!sync.checked) return;
        const r = from.scrollTop / Math.max(1, from.scrollHeight - from.clientHeight);
        echo = to;
        to.scrollTop = r * (to.scrollHeight - to.clientHeight);
      });
    }
    const ptable = h('table', { class: 'grid compact' },
      h('thead', null, h('tr', null, h('th', null, '#'), h('th', null, 'A ', h('span', { class: 'en' }, 'lines')), h('th', null, 'B ', h('span', { class: 'en' }, 'lines')),
        h('th', null, '字数 ', h('span', { class: 'en' }, 'chars')), h('th', null, '差异 ', h('span', { class: 'en' }, 'diffs')))),
      h('tbody', { onclick: e => { const r = e.target.closest('tr[data-k]'); if (r) goTo(r.dataset.k); } }, rows));
    overlay(head, h('div', { class: 'sheet-body' }, h('div', { class: 'sheet-tools' }, legend, h('label', { class: 'sync' }, sync, ' 同步滚动 Scroll together'), h('details', null, h('summary', null, '对齐段落列表 Passages (' + rows.length + ')'), ptable)),
      h('div', { class: 'cols' }, colA, colB)), 'pair=' + p.a + '-' + p.b);
  }

  const fill = (id, f) => { const el = sectionBody(id); if (el) f(el); };
  fill('clusters', clusters);
  fill('contained', contained);
  fill('heatmap', heatmap);
  fill('pairs', allPairs);
  fill('phrases', phrases);
  fill('templates', templates);
  fill('junk', junk);
  fill('documents', documents);
  function route() {
    const m = /^(\d+)-(\d+)$/.exec(hashParams().pair || '');
    if (m) openPair(+m[1], +m[2]);
  }
  window.addEventListener('hashchange', route);
  route();
})();
