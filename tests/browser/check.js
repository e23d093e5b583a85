#!/usr/bin/env node
// check.js: open a pooltrend HTML report (-f html) in a real Chromium and
// check what a person would see: no error in the console or the page,
// nothing loaded from outside the file, a chart with its data drawn for
// each pool with data and each charted tag, the table rows, a page no wider
// than the window, and a full-page screenshot that is not blank.
//
// usage: node check.js REPORT.html OUT.png [REPORT.html OUT.png ...]
// Prints one line per failure and a summary line; exits 0 if all passed,
// 1 if a check failed, 2 on a usage error or if the browser cannot start.
// CHROMIUM names the browser (default /usr/bin/chromium, Debian's).
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');

const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 900 };
// The colour of the data in the page's style sheet, #0969da.
const DATA_RGB = [0x09, 0x69, 0xda];

let passed = 0;
let failed = 0;
let current = '';

function check(ok, what) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`html: ${current}: FAIL: ${what}`);
  }
  return ok;
}

function die(msg) {
  console.error(`html: ${msg}`);
  process.exit(2);
}

// In the page: the marks of one chart, found by the row that names it.
function describeChart(id, key, value) {
  const fig = document.getElementById(id);
  if (fig === null) return { error: `no chart #${id}` };
  const svg = fig.querySelector('svg.chart');
  if (svg === null) return { error: `#${id} has no svg` };
  const vb = svg.viewBox.baseVal;
  const box = svg.getBoundingClientRect();
  const mark = svg.querySelector(`.data[data-${key}="${CSS.escape(value)}"]`);
  if (mark === null) return { error: `#${id} draws no data for ${key} ${value}` };
  const b = mark.getBBox();
  const out = {
    tag: mark.tagName,
    n: Number(mark.dataset.n),
    samples: Number(mark.dataset.samples),
    bbox: { x: b.x, y: b.y, width: b.width, height: b.height },
    viewBox: { width: vb.width, height: vb.height },
    shown: { width: box.width, height: box.height },
    display: getComputedStyle(mark).display,
  };
  if (mark.tagName === 'path') {
    const d = mark.getAttribute('d') || '';
    out.points = (d.match(/[ML]/g) || []).length;
    out.finite = !/nan|inf/i.test(d);
  } else {
    out.points = 1;
    out.finite = [b.x, b.y, b.width, b.height].every(Number.isFinite);
  }
  return out;
}

// In the page: everything the checks look at.
function inspect(describe) {
  const fn = new Function(`return (${describe});`)();
  const rows = (sel) => Array.from(document.querySelectorAll(sel));
  const section = document.getElementById('tags');
  return {
    charset: document.characterSet,
    title: document.title,
    scripts: document.querySelectorAll('script').length,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    listed: section === null ? -1 : Number(section.dataset.listed),
    svgs: document.querySelectorAll('svg').length,
    pools: rows('tr.pool[data-chart]').map((tr) => ({
      name: tr.dataset.pool,
      chart: tr.dataset.chart,
      marks: fn(tr.dataset.chart, 'pool', tr.dataset.pool),
    })),
    tags: rows('tr.tag').map((tr) => ({
      rank: tr.dataset.rank,
      chart: tr.dataset.chart || null,
      marks: tr.dataset.chart ? fn(tr.dataset.chart, 'rank', tr.dataset.rank) : null,
    })),
    tagCharts: document.querySelectorAll('figure.chart.tag svg.chart').length,
    poolCharts: document.querySelectorAll('figure.chart.pool svg.chart').length,
  };
}

// In a blank page: decode a PNG with the browser's own decoder and count
// its colours, its pixels that are not the background, and those near rgb.
async function pixels(page, png, rgb) {
  return page.evaluate(async ([b64, want]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    let ink = 0;
    let near = 0;
    for (let i = 0; i < d.length; i += 4) {
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) ink++;
      if (Math.abs(d[i] - want[0]) + Math.abs(d[i + 1] - want[1]) +
          Math.abs(d[i + 2] - want[2]) < 90) near++;
    }
    return { width: c.width, height: c.height, colours: colours.size,
      ink: ink / (c.width * c.height), near };
  }, [png.toString('base64'), rgb]);
}

// The marks of one chart: drawn, within the chart, as many as they say.
function checkMarks(what, m) {
  if (!check(m !== null && m.error === undefined, `${what}: ${m && m.error}`)) return;
  check(m.finite, `${what}: a coordinate is not a number`);
  check(m.points >= 1 && m.points === m.n,
    `${what}: ${m.points} points drawn, ${m.n} said`);
  check(m.samples < 2 || m.bbox.width > 0 || m.bbox.height > 0,
    `${what}: ${m.samples} samples but nothing drawn`);
  const eps = 0.5;
  check(m.bbox.x >= -eps && m.bbox.y >= -eps &&
    m.bbox.x + m.bbox.width <= m.viewBox.width + eps &&
    m.bbox.y + m.bbox.height <= m.viewBox.height + eps,
    `${what}: the data leaves the chart (${JSON.stringify(m.bbox)})`);
  check(m.shown.width >= 200 && m.shown.height >= 40,
    `${what}: the chart shows at ${m.shown.width}x${m.shown.height} px`);
  check(m.display !== 'none', `${what}: the data is hidden`);
}

// One report: load it, look at it, take its screenshot.
async function checkReport(browser, report, out) {
  const url = pathToFileURL(path.resolve(report)).href;
  const ctx = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await ctx.newPage();
    const errors = [];
    const foreign = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`page: ${err.message}`));
    page.on('request', (req) => {
      if (req.url() !== url) foreign.push(req.url());
    });
    const resp = await page.goto(url, { waitUntil: 'load' });
    check(resp === null || resp.ok(), `${report}: not loaded`);

    const dom = await page.evaluate(inspect, describeChart.toString());
    check(dom.charset === 'UTF-8', `the page is read as ${dom.charset}, not UTF-8`);
    check(dom.title.startsWith('pooltrend'), `the title is '${dom.title}'`);
    check(dom.scripts === 0, `the page has ${dom.scripts} script elements`);
    check(dom.overflow <= 1, `the page is ${dom.overflow} px wider than the window`);

    check(dom.pools.length >= 1, 'no pool has a chart');
    check(dom.poolCharts === dom.pools.length,
      `${dom.poolCharts} pool charts for ${dom.pools.length} pools with data`);
    for (const p of dom.pools) checkMarks(`pool ${p.name}`, p.marks);

    check(dom.listed >= 0, 'no tags section');
    check(dom.tags.length === dom.listed,
      `${dom.tags.length} tag rows in the table, ${dom.listed} listed`);
    const charted = dom.tags.filter((t) => t.chart !== null);
    check(dom.listed === 0 || charted.length >= 1, 'no listed tag has a chart');
    const ids = new Set(charted.map((t) => t.chart));
    check(dom.tagCharts === ids.size || ids.has('tags-by-size'),
      `${dom.tagCharts} tag charts for ${ids.size} charted tags`);
    for (const t of charted) checkMarks(`tag rank ${t.rank}`, t.marks);
    check(dom.svgs >= dom.pools.length + ids.size,
      `${dom.svgs} svg elements for ${dom.pools.length} pools and ${ids.size} tag charts`);

    // Each chart as painted: the data colour is on it.
    const blank = await ctx.newPage();
    for (const id of [...dom.pools.map((p) => p.chart), ...ids]) {
      const shot = await page.locator(`#${id} svg.chart`).screenshot();
      const px = await pixels(blank, shot, DATA_RGB);
      check(px.near >= 3, `#${id}: the data is not painted (${px.near} pixels of its colour)`);
    }

    await page.screenshot({ path: out, fullPage: true });
    const shot = await pixels(blank, fs.readFileSync(out), DATA_RGB);
    await blank.setViewportSize(VIEWPORT);
    const empty = await pixels(blank, await blank.screenshot({ fullPage: true }), DATA_RGB);
    check(shot.colours >= 32 && shot.colours > 4 * empty.colours,
      `the screenshot has ${shot.colours} colours, a blank page ${empty.colours}`);
    check(shot.ink >= 0.02, `the screenshot is ${(100 * shot.ink).toFixed(2)}% ink, near blank`);
    check(shot.height >= VIEWPORT.height / 2, `the screenshot is ${shot.height} px high`);

    check(errors.length === 0, `errors: ${errors.join('; ')}`);
    check(foreign.length === 0, `the page loads ${foreign.join(', ')}`);
  } finally {
    await ctx.close();
  }
}

async function main() {
  const pairs = process.argv.slice(2);
  if (pairs.length === 0 || pairs.length % 2 !== 0) {
    die('usage: node check.js REPORT.html OUT.png [REPORT.html OUT.png ...]');
  }
  for (let i = 0; i < pairs.length; i += 2) {
    if (!fs.existsSync(pairs[i])) die(`${pairs[i]}: no such file`);
  }
  const args = typeof process.getuid === 'function' && process.getuid() === 0 ?
    ['--no-sandbox'] : [];
  let browser;
  try {
    browser = await chromium.launch({ executablePath: BROWSER, headless: true, args });
  } catch (e) {
    die(`cannot start ${BROWSER}: ${e.message.split('\n')[0]}`);
  }
  try {
    for (let i = 0; i < pairs.length; i += 2) {
      current = path.basename(pairs[i]);
      await checkReport(browser, pairs[i], pairs[i + 1]);
    }
  } finally {
    await browser.close();
  }
  if (failed > 0) {
    console.log(`html: ${passed} checks passed, ${failed} failed`);
    process.exit(1);
  }
  console.log(`html: ${passed} checks passed`);
}

main().catch((e) => die(e.stack || String(e)));
