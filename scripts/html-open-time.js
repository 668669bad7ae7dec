// Open time of an HTML page in headless Chromium, over CDP (--remote-debugging-pipe).
// node scripts/html-open-time.js FILE [runs] [fragment]   (needs Debian chromium and node)
// Per run: a fresh browser and profile; time from Page.navigate to the second
// animation frame after the load event (the page's script ran and the first
// view was painted). Prints per-run figures and the medians.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const file = path.resolve(process.argv[2]);
const runs = +(process.argv[3] || 5);
const frag = process.argv[4] || '';

function run() {
  return new Promise((resolve, reject) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-'));
    const ch = spawn('/usr/bin/chromium', ['--headless', '--disable-gpu', '--no-sandbox', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--remote-debugging-pipe',
      '--window-size=1280,1000', '--user-data-dir=' + profile, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    const out = ch.stdio[3], inp = ch.stdio[4];
    let id = 0, buf = '';
    const waiting = new Map(), listeners = [];
    inp.on('data', d => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\0')) >= 0) {
        const msg = JSON.parse(buf.slice(0, i));
        buf = buf.slice(i + 1);
        if (msg.id != null && waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); }
        else for (const l of listeners) l(msg);
      }
    });
    const send = (method, params, sessionId) => new Promise(res => {
      const m = { id: ++id, method, params: params || {} };
      if (sessionId) m.sessionId = sessionId;
      waiting.set(m.id, res);
      out.write(JSON.stringify(m) + '\0');
    });
    const once = (method) => new Promise(res => listeners.push(m => { if (m.method === method) res(m); }));
    const errors = [];
    listeners.push(m => { if (m.method === 'Runtime.exceptionThrown') errors.push(m.params.exceptionDetails.exception && m.params.exceptionDetails.exception.description); });
    (async () => {
      const { result } = await send('Target.getTargets');
      const page = result.targetInfos.find(t => t.type === 'page');
      const s = (await send('Target.attachToTarget', { targetId: page.targetId, flatten: true })).result.sessionId;
      await send('Page.enable', {}, s);
      await send('Runtime.enable', {}, s);
      const trace = process.env.TRACE ? [] : null;
      if (trace) {
        listeners.push(m => { if (m.method === 'Tracing.dataCollected') trace.push(...m.params.value); });
        await send('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink,loading', transferMode: 'ReportEvents' }, s);
      }
      if (process.env.PROFILE) {
        await send('Profiler.enable', {}, s);
        await send('Profiler.setSamplingInterval', { interval: 100 }, s);
        await send('Profiler.start', {}, s);
      }
      const loaded = once('Page.loadEventFired');
      const t0 = process.hrtime.bigint();
      await send('Page.navigate', { url: 'file://' + file + (frag ? '#' + frag : '') }, s);
      await loaded;
      const tl = process.hrtime.bigint();
      const ev = await send('Runtime.evaluate', {
        awaitPromise: true, returnByValue: true,
        expression: `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => { const n = performance.getEntriesByType('navigation')[0];
          const p = performance.getEntriesByType('paint').map(e => e.name + '=' + e.startTime.toFixed(0)).join(' ');
          r({ painted: performance.now(), dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, paint: p,
              nojs: document.querySelectorAll('.js-sec .nojs').length, heap: performance.memory ? performance.memory.usedJSHeapSize : 0 }); })))`,
      }, s);
      const t1 = process.hrtime.bigint();
      if (process.env.PROFILE) fs.writeFileSync(process.env.PROFILE, JSON.stringify((await send('Profiler.stop', {}, s)).result.profile));
      if (trace) {
        const done = once('Tracing.tracingComplete');
        await send('Tracing.end', {}, s);
        await done;
        fs.writeFileSync(process.env.TRACE, JSON.stringify(trace));
      }
      ch.on('exit', () => { try { fs.rmSync(profile, { recursive: true, force: true }); } catch (e) { /* ignore */ } });
      ch.kill();
      resolve(Object.assign({ wall: Number(t1 - t0) / 1e6, wallLoad: Number(tl - t0) / 1e6, errors }, ev.result.result.value));
    })().catch(e => { ch.kill(); reject(e); });
  });
}

(async () => {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    const r = await run();
    rs.push(r);
    console.log(`run ${i + 1}: wall ${r.wall.toFixed(0)} ms (load event ${r.wallLoad.toFixed(0)}) · in page: DCL ${r.dcl.toFixed(0)} load ${r.load.toFixed(0)} painted ${r.painted.toFixed(0)} · ${r.paint} · heap ${(r.heap / 1e6).toFixed(0)} MB · nojs left ${r.nojs}${r.errors.length ? ' · ERRORS ' + r.errors.join(' | ') : ''}`);
  }
  const med = k => { const v = rs.map(r => r[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
  console.log(`${path.basename(file)} ${fs.statSync(file).size} bytes: median wall ${med('wall').toFixed(0)} ms, painted ${med('painted').toFixed(0)} ms, load ${med('load').toFixed(0)} ms (n=${runs})`);
})();
