'use strict';
// taohua report: shared helpers (DOM builder, masks, byte offsets, diff, paged
// tables, the side-by-side overlay). Everything runs from the embedded JSON; the
// page fetches nothing.

// A data blob's text. Read once and then dropped from the DOM (it stays in the
// file): the document the browser keeps is the rendered page only.
function blob(id) {
  const el = document.getElementById(id);
  if (!el) return null;
  const t = el.textContent;
  el.remove();
  return t;
}
const D = JSON.parse(blob('data'));

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid != null && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

const pct = x => (100 * x).toFixed(1) + '%';
const clip = (s, n) => {
  const a = Array.from(s.replace(/\s+/g, ' '));
  return a.length <= n ? a.join('') : a.slice(0, n).join('') + '…';
};
const bi = (zh, en) => [zh, ' ', h('span', { class: 'en' }, en)];
const tag = (cls, zh, en) => h('span', { class: 'tag ' + cls }, zh, en ? h('span', { class: 'en' }, ' ' + en) : null);
const level = x => (x >= 0.3 ? 'red' : x >= 0.1 ? 'orange' : 'green');
function bar(x, cls) {
  return h('span', { class: 'mini ' + (cls || '') }, h('i', { style: 'width:' + Math.min(100, 100 * x).toFixed(1) + '%' }));
}

// The body of a section the page prepared (its no-JS placeholder removed).
function sectionBody(id) {
  const sec = document.getElementById(id);
  if (!sec) return null;
  const b = sec.querySelector('.body');
  b.textContent = '';
  return b;
}

// Masks (`******`, `xx`, `×`, empty quotes) shown as masks, like normalize.rs reads them.
const MASK = /[*＊×✕╳]{2,}|(?<![A-Za-z])[xXｘＸ]{2,}(?![A-Za-z])|(?<![0-9０-９])[×✕╳]|“”/g;
function masked(text) {
  const f = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(MASK)) {
    if (m.index > last) f.append(text.slice(last, m.index));
    f.append(h('span', { class: 'mask', title: '遮盖 mask' }, m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) f.append(text.slice(last));
  return f;
}

// A function from a UTF-8 byte offset into `text` to its UTF-16 index.
function byteIndex(text) {
  const n = text.length;
  const pos = new Float64Array(n + 1);
  let b = 0;
  for (let i = 0; i < n; i++) {
    pos[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) { pos[i + 1] = b + 0.5; b += 4; i++; }
    else b += 3;
  }
  pos[n] = b;
  return byte => {
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pos[mid] < byte) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
}

// `text` with spans [{s, e, cls, attrs, inner, after}] (UTF-16, sorted) marked;
// `inner` spans are nested (same coordinates), the rest of the text shows masks.
function marked(text, spans, base) {
  base = base || 0;
  const f = document.createDocumentFragment();
  let at = base;
  const end = base + text.length;
  for (const sp of spans) {
    const s = Math.max(sp.s, at), e = Math.min(sp.e, end);
    if (e <= s) continue;
    if (s > at) f.append(masked(text.slice(at - base, s - base)));
    const el = h(sp.tag || 'mark', Object.assign({ class: sp.cls }, sp.attrs || {}));
    const inner = (sp.inner || []).map(x => Object.assign({ tag: 'span' }, x));
    el.append(marked(text.slice(s - base, e - base), inner, s));
    f.append(el);
    if (sp.after) f.append(sp.after());
    at = e;
  }
  if (at < end) f.append(masked(text.slice(at - base)));
  return f;
}

// Character ranges of `a` and of `b` outside a longest common subsequence
// (Myers), or null when they differ in more than `maxD` places.
// Characters compared as equal in a diff: quote and full-width variants.
const FOLD = { '“': '"', '”': '"', '„': '"', '〝': '"', '〞': '"', '‘': "'", '’': "'", '，': ',', '：': ':', '；': ';', '（': '(', '）': ')', '！': '!', '？': '?' };
const fold = s => s.replace(/[“”„〝〞‘’，：；（）！？]/g, c => FOLD[c]);
function diff(a, b, maxD) {
  maxD = maxD || 1000;
  a = fold(a);
  b = fold(b);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const A = a.slice(p, a.length - q), B = b.slice(p, b.length - q);
  const N = A.length, M = B.length, max = Math.min(N + M, maxD), off = max + 1;
  const v = new Int32Array(2 * max + 3), trace = [];
  let found = -1;
  search: for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < N && y < M && A.charCodeAt(x) === B.charCodeAt(y)) { x++; y++; }
      v[off + k] = x;
      if (x >= N && y >= M) { found = d; break search; }
    }
  }
  if (found < 0) return null;
  const ua = [], ub = [];
  let x = N, y = M;
  for (let d = found; d > 0; d--) {
    const t = trace[d], at = k => t[k + d + 1];
    const k = x - y;
    const pk = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const px = at(pk), py = px - pk;
    while (x > px && y > py) { x--; y--; }
    if (pk === k + 1) ub.push(py); else ua.push(px);
    x = px; y = py;
  }
  const ranges = list => {
    list.sort((m, n) => m - n);
    const out = [];
    for (const i of list) {
      const last = out[out.length - 1];
      if (last && last[1] === p + i) last[1]++; else out.push([p + i, p + i + 1]);
    }
    return out;
  };
  return [ranges(ua), ranges(ub)];
}

// A table of `rows`, `pageSize` rows a page, with a filter box.
// columns: [{t: [zh, en], f: row => content, cls}]; opts.detail: row => node
// (a toggle shows it under the row); opts.tools: extra toolbar nodes; opts.note:
// a node under the table.
function pagedTable(container, columns, rows, opts) {
  opts = opts || {};
  const size = opts.pageSize || 100;
  let view = rows, page = 0, query = '';
  const tbody = h('tbody');
  const info = h('span', { class: 'pinfo' });
  const prev = h('button', { class: 'btn sm', onclick: () => go(page - 1) }, '‹ 上一页 Prev');
  const next = h('button', { class: 'btn sm', onclick: () => go(page + 1) }, '下一页 Next ›');
  const input = h('input', { type: 'search', class: 'filter', placeholder: '筛选 Filter…' });
  input.addEventListener('input', () => { query = input.value.trim().toLowerCase(); apply(); });
  const cols = opts.detail ? [{ t: ['', ''], cls: 'tg', f: null }].concat(columns) : columns;
  const table = h('table', { class: 'grid' },
    h('thead', null, h('tr', null, cols.map(c => h('th', { class: c.cls }, c.t[0], c.t[1] ? h('span', { class: 'en' }, c.t[1]) : null)))),
    tbody);
  const tools = h('div', { class: 'toolbar' }, opts.filter && rows.length > 10 ? input : null, opts.tools || null, h('span', { class: 'grow' }), info, prev, next);
  container.append(tools, h('div', { class: 'scroll' }, table));
  if (opts.note) container.append(opts.note);
  function apply() {
    view = rows.filter(r => (!opts.keep || opts.keep(r)) && (!query || !opts.filter || opts.filter(r).toLowerCase().includes(query)));
    go(0);
  }
  function go(p) {
    const pages = Math.max(1, Math.ceil(view.length / size));
    page = Math.max(0, Math.min(p, pages - 1));
    tbody.textContent = '';
    for (const row of view.slice(page * size, (page + 1) * size)) {
      const tr = h('tr', opts.rowAttrs ? opts.rowAttrs(row) : null);
      for (const c of cols) {
        const td = h('td', { class: c.cls });
        if (c.f) td.append(...[c.f(row)].flat(Infinity).filter(k => k != null && k !== false));
        tr.append(td);
      }
      tbody.append(tr);
      if (opts.detail) {
        const btn = h('button', { class: 'tog', title: '展开 Details', 'aria-expanded': 'false' }, '▸');
        btn.addEventListener('click', () => {
          const open = tr.nextSibling && tr.nextSibling.classList && tr.nextSibling.classList.contains('detail');
          if (open) { tr.nextSibling.remove(); btn.textContent = '▸'; btn.setAttribute('aria-expanded', 'false'); return; }
          tr.after(h('tr', { class: 'detail' }, h('td', { colspan: cols.length }, opts.detail(row))));
          btn.textContent = '▾'; btn.setAttribute('aria-expanded', 'true');
        });
        tr.firstChild.append(btn);
      }
    }
    if (!view.length) tbody.append(h('tr', null, h('td', { colspan: cols.length, class: 'muted' }, '无 None')));
    info.textContent = view.length <= size ? view.length + ' 项 rows'
      : (page * size + 1) + '–' + Math.min(view.length, (page + 1) * size) + ' / ' + view.length + ' 项 rows';
    prev.hidden = next.hidden = view.length <= size;
    prev.disabled = page === 0;
    next.disabled = (page + 1) * size >= view.length;
  }
  apply();
  return { refresh: apply };
}

// Buttons that choose one of several values (a kind filter).
function choice(options, onchange) {
  const box = h('span', { class: 'choice' });
  for (const [value, label] of options) {
    const b = h('button', { class: 'btn sm' + (value === options[0][0] ? ' on' : ''), onclick: () => {
      for (const x of box.children) x.classList.remove('on');
      b.classList.add('on');
      onchange(value);
    } }, label);
    box.append(b);
  }
  return box;
}

// The side-by-side overlay: one at a time, addressable by the URL hash.
function closeOverlay() {
  const ov = document.getElementById('sbs');
  if (ov) ov.remove();
  document.body.classList.remove('has-overlay');
  if (location.hash.includes('=')) history.replaceState(null, '', location.pathname + location.search);
}
function overlay(head, body, key) {
  closeOverlay();
  const ov = h('div', { class: 'overlay', id: 'sbs', role: 'dialog', 'aria-modal': 'true' },
    h('div', { class: 'sheet' },
      h('div', { class: 'sheet-head' }, h('div', { class: 'sheet-title' }, head),
        h('button', { class: 'btn', onclick: () => window.print() }, '打印 Print'),
        h('button', { class: 'btn close', onclick: closeOverlay }, '关闭 Close ✕')),
      body));
  ov.addEventListener('click', e => { if (e.target === ov) closeOverlay(); });
  document.body.append(ov);
  document.body.classList.add('has-overlay');
  if (key && location.hash !== '#' + key) {
    try { history.replaceState(null, '', '#' + key); } catch (e) { /* some file:// contexts refuse */ }
  }
  return ov;
}
document.addEventListener('keydown', e => { if (e.key === 'Escape') closeOverlay(); });

// Scroll a passage into view and flash it.
function flash(el) {
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
}

// Parameters of a `#key=value&…` hash.
function hashParams() {
  const out = {};
  for (const part of decodeURIComponent(location.hash.slice(1)).split('&')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}
