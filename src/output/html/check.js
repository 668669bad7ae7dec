// taohua check report: the drafts' ratios, one draft's text with copied passages
// in red and boilerplate in yellow, each linked to its numbered source, and a
// side-by-side view per source.
(function () {
  const R = D.report;
  const srcOf = (d, n) => d.sources.find(s => s.number === n);

  function index(el) {
    pagedTable(el, [
      { t: ['草稿', 'Draft'], f: d => h('code', null, d.draft.source) },
      { t: ['总文字复制比', 'Copy ratio'], cls: 'num', f: d => h('span', { class: level(d.copy_ratio) }, pct(d.copy_ratio)) },
      { t: ['去除套话复制比', 'Excl. boilerplate'], cls: 'num', f: d => h('span', { class: level(d.copy_ratio_excluding_boilerplate) }, pct(d.copy_ratio_excluding_boilerplate)) },
      { t: ['单篇最大文字复制比', 'Largest one source'], cls: 'num', f: d => h('span', { class: level(d.max_single_source_ratio) }, pct(d.max_single_source_ratio)) },
      { t: ['来源', 'Sources'], cls: 'num', f: d => String(d.sources.length) },
      { t: ['', ''], f: d => h('button', { class: 'btn sm', onclick: () => { show(R.drafts.indexOf(d)); document.getElementById('draft').scrollIntoView(); } }, '查看 View') },
    ], R.drafts, { filter: d => d.draft.source });
  }

  function show(i) {
    const d = R.drafts[i], text = D.texts[i] || '';
    const el = sectionBody('draft'), srcEl = sectionBody('sources');
    if (!d || !el) return;
    const ix = byteIndex(text);
    const max = d.max_single_source != null ? srcOf(d, d.max_single_source) : null;
    const fig = (zh, en, x, note) => h('span', null, zh, ' ', h('span', { class: 'en' }, en), ' ', h('b', { class: level(x) }, pct(x)), note ? h('span', { class: 'muted' }, ' ' + note) : null);
    el.append(h('div', { class: 'draft-head' }, h('h3', null, bi('草稿', 'Draft'), ' ', h('code', null, d.draft.source)),
      h('div', { class: 'figs' },
        fig('总文字复制比', 'Copy ratio', d.copy_ratio),
        fig('去除套话复制比', 'Excl. boilerplate', d.copy_ratio_excluding_boilerplate),
        fig('单篇最大文字复制比', 'Largest one source', d.max_single_source_ratio, max ? '[' + max.number + '] ' + clip(max.title, 24) : '')),
      h('p', { class: 'legend' }, h('mark', { class: 'copy' }, '复制 copied'), ' ', h('mark', { class: 'boiler' }, '套话 boilerplate'), ' ',
        h('span', { class: 'mask' }, '**'), ' 遮盖 mask · ', h('span', { class: 'muted' }, '点击标记查看来源对照 · click a marked passage to compare with its source'))));
    // One mark per draft span; matches of the same span (the same text in
    // several sources) share it and list every source number.
    const spans = [];
    d.matches.map((m, k) => [m, k]).sort((x, y) => x[0].draft.start - y[0].draft.start || x[0].source.number - y[0].source.number).forEach(([m, k]) => {
      const last = spans[spans.length - 1];
      if (last && last.m.draft.start === m.draft.start && last.m.draft.end === m.draft.end) { last.refs.push([m, k]); return; }
      const refs = [[m, k]];
      spans.push({
        m, refs, s: ix(m.draft.start), e: ix(m.draft.end), cls: m.boilerplate ? 'boiler' : 'copy',
        attrs: { 'data-m': k, title: '[' + m.source.number + '] ' + m.source.title + ' · 相似度 similarity ' + pct(m.similarity) + (m.boilerplate ? ' · 套话 boilerplate' : '') },
        after: () => h('sup', { class: 'ref' }, refs.map(([r, j]) => h('a', { href: '#src-' + i + '-' + r.source.number, 'data-m': j }, '[' + r.source.number + ']'))),
      });
    });
    const body = h('div', { class: 'text draft-text' });
    if (d.paragraphs.length) {
      for (const p of d.paragraphs) {
        const s = ix(p.start), e = ix(p.end);
        const ps = spans.filter(x => x.e > s && x.s < e);
        body.append(h('div', { class: 'para' },
          h('span', { class: 'pbadge ' + (p.copy_ratio > 0 ? level(p.copy_ratio) : 'none'), title: '段落复制比 paragraph copy ratio · 行 line ' + p.line }, p.copy_ratio > 0 ? pct(p.copy_ratio) : ''),
          h('div', { class: 'ptext' }, marked(text.slice(s, e), ps, s))));
      }
    } else body.append(marked(text, spans));
    body.addEventListener('click', e => {
      const t = e.target.closest('[data-m]');
      if (!t) return;
      e.preventDefault();
      const m = d.matches[+t.dataset.m];
      openSource(i, m.source.number, +t.dataset.m);
    });
    el.append(body);
    if (!srcEl) return;
    if (!d.sources.length) { srcEl.append(h('p', { class: 'muted' }, '未发现复制 · No copied text found.')); return; }
    pagedTable(srcEl, [
      { t: ['编号', 'No.'], cls: 'num', f: s => h('b', null, '[' + s.number + ']') },
      { t: ['来源', 'Source'], f: s => [h('b', null, s.title), h('div', { class: 'muted' }, s.source)] },
      { t: ['复制比', 'Share of draft'], cls: 'num', f: s => [pct(s.ratio), ' ', bar(s.ratio, level(s.ratio))] },
      { t: ['字数', 'Chars'], cls: 'num', f: s => String(s.chars) },
      { t: ['段落', 'Passages'], cls: 'num', f: s => String(d.matches.filter(m => m.source.number === s.number).length) },
      { t: ['', ''], f: s => h('button', { class: 'btn sm', onclick: () => openSource(i, s.number) }, '对照 Compare') },
    ], d.sources, { filter: s => s.title + ' ' + s.source, rowAttrs: s => ({ id: 'src-' + i + '-' + s.number }) });
  }

  // Side by side for one source: each passage as the draft has it and as the source has it.
  function openSource(i, n, focus) {
    const d = R.drafts[i], s = srcOf(d, n);
    if (!d) return;
    const ms = d.matches.map((m, k) => [m, k]).filter(([m]) => m.source.number === n);
    const title = s ? s.title : ms.length ? ms[0][0].source.title : '';
    const head = [h('b', null, '[' + n + '] ' + title), ' ', s ? h('span', { class: 'metrics' }, (s.source) + ' · 复制比 share ' + pct(s.ratio) + ' · ' + s.chars + ' 字 chars · 段落 passages ' + ms.length) : null];
    const rows = ms.map(([m, k]) => {
      const dd = diff(m.text, m.source_text);
      const side = (label, lines, t, ranges) => h('div', { class: 'col' },
        h('div', { class: 'col-head' }, h('b', null, label), ' ', h('span', { class: 'muted' }, lines)),
        h('div', { class: 'text' }, h('mark', { class: m.boilerplate ? 'boiler' : 'copy' },
          marked(t, (ranges || []).map(r => ({ s: r[0], e: r[1], cls: 'diff', tag: 'span' }))))));
      return h('div', { class: 'match', 'data-m': k },
        h('div', { class: 'match-head' }, h('b', null, '#' + (k + 1)), ' ', m.boilerplate ? tag('yellow', '套话', 'boilerplate') : tag('red', '复制', 'copied'),
          ' 相似度 similarity ' + pct(m.similarity)),
        h('div', { class: 'cols auto' },
          side('草稿 Draft', d.draft.source + ' 行 ' + m.draft.start_line + '–' + m.draft.end_line, m.text, dd && dd[0]),
          side('来源 Source', m.source.source + ' 行 ' + m.source.start_line + '–' + m.source.end_line, m.source_text, dd && dd[1])));
    });
    const legend = h('div', { class: 'legend' }, h('mark', { class: 'copy' }, '复制 copied'), ' ', h('mark', { class: 'boiler' }, '套话 boilerplate'), ' ',
      h('span', { class: 'diff' }, '差异 difference'), ' ', h('span', { class: 'mask' }, '**'), ' 遮盖 mask');
    const ov = overlay(head, h('div', { class: 'sheet-body scroll-y' }, h('div', { class: 'sheet-tools' }, legend), rows.length ? rows : h('p', { class: 'muted' }, '无 None')), 'draft=' + i + '&src=' + n);
    if (focus != null) flash(ov.querySelector('.match[data-m="' + focus + '"]'));
  }

  if (R.drafts.length > 1) { const el = sectionBody('drafts'); if (el) index(el); }
  if (R.drafts.length) show(0);
  else { const el = sectionBody('draft'); if (el) el.append(h('p', { class: 'muted' }, '没有草稿 · No draft.')); sectionBody('sources'); }
  function route() {
    const q = hashParams();
    if (q.draft != null && /^\d+$/.test(q.draft) && R.drafts[+q.draft]) {
      show(+q.draft);
      if (q.src != null) openSource(+q.draft, +q.src);
    }
  }
  window.addEventListener('hashchange', route);
  route();
})();
