// Every page on a phone (issue 21): at 360×740 and 390×844, in kk, ru and en, each page of the
// dashboard (overview, turnout, map, contests, a contest, a unit, a station, rejected,
// observers, statistics, downloads) is checked by its element boxes, not by eye:
//   - the page does not scroll sideways (document.scrollingElement.scrollWidth <= innerWidth);
//     a wide table may scroll inside its own container;
//   - no two visible pieces of text overlap: every text node's line boxes (Range.getClientRects;
//     an SVG text's box, the charts being ECharts' SVG) against every other's;
//   - no text is cut off on the right: past the window's edge, or past an ancestor that hides
//     its overflow (a chart's box), unless a scrolling container holds it or it ends in an
//     ellipsis on purpose;
//   - the navigation is one compact strip (at most 56 px high);
//   - every map tile's name fits its tile (scrollWidth <= clientWidth, and its height), a word
//     split only at a soft hyphen.
// The night: 60 synthetic stations of the 2023 Mazhilis definition, ingested, published as a
// bundle and served with --bundle (the download page lists its files); and a Senate night's
// page of sittings (the 2023 definition, nothing reported). Every problem of every page is
// listed at the end. --shots DIR also saves a screenshot of each page.
//   node web/tests/layout.test.mjs --saylau build/debug/src/cli/saylau [--shots DIR]
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, option, repo, run, serve } from './harness.mjs';

const definition = join(repo, 'elections/kz/2023-03-19-mazhilis.toml');
const work = mkdtempSync(join(tmpdir(), 'saylau-layout-'));
const shots = option('--shots', '');
const viewports = [{ width: 360, height: 740 }, { width: 390, height: 844 }];
const languages = ['kk', 'ru', 'en'];
const navLimit = 56;
let server;
let senateServer;
let browser;
const started = Date.now();

// Runs in the page: the problems of the page as drawn now.
function measure(navLimit) {
  const problems = [];
  const describe = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += `#${el.id}`;
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter(Boolean).slice(0, 2).join('.') : '';
    if (cls) text += `.${cls}`;
    const parent = el.parentElement?.closest('[id]');
    return parent && parent !== el ? `${text} in #${parent.id}` : text;
  };
  const scroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && a.scrollWidth > a.clientWidth) return a;
    }
    return null;
  };
  const width = innerWidth;
  const page = document.scrollingElement;
  if (page.scrollWidth > width) {
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scroller(el) && el.getClientRects().length)
      .slice(0, 3)
      .map((el) => `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
    problems.push(`the page scrolls sideways: ${page.scrollWidth} px > ${width} px; too wide: ${wide.join(', ')}`);
  }
  const nav = document.getElementById('nav');
  if (nav && nav.getBoundingClientRect().height > navLimit) {
    problems.push(`the navigation is ${Math.round(nav.getBoundingClientRect().height)} px high (at most ${navLimit})`);
  }

  // A map tile's name (and the tile itself) fits its box: a word is split only at a soft hyphen,
  // never cut (tile_names.ts; the name hides its overflow, so the text walk below cannot see it).
  for (const label of document.querySelectorAll('.tile-name, .tile, .sitting-tile b, .sitting-tile')) {
    if (!label.getClientRects().length) continue;
    if (label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1) {
      problems.push(`a tile's label does not fit: "${label.textContent.replaceAll('\u00ad', '').trim()}" (${describe(label)}) ${label.scrollWidth}×${label.scrollHeight} in ${label.clientWidth}×${label.clientHeight}`);
    }
  }

  // The part of a text box its ancestors let be seen: clipped by each ancestor that hides or
  // scrolls its overflow, and in SVG by each clip-path (ECharts' scrolling legends); null when
  // nothing is seen. A box cut on the right by an ancestor that hides its overflow (not one
  // that scrolls, not an ellipsis) is marked `cutBy`.
  const clipBoxOf = (el) => {
    const id = (el.getAttribute('clip-path') ?? '').match(/url\(["']?#([^"')]+)/)?.[1];
    const shape = id && document.getElementById(id)?.firstElementChild;
    const matrix = el.getScreenCTM?.();
    if (!shape || !matrix || !shape.getBBox) return null;
    const b = shape.getBBox();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(matrix));
    return { left: Math.min(...corners.map((c) => c.x)), right: Math.max(...corners.map((c) => c.x)),
      top: Math.min(...corners.map((c) => c.y)), bottom: Math.max(...corners.map((c) => c.y)) };
  };
  const styles = new Map();
  const styleOf = (el) => styles.get(el) ?? styles.set(el, getComputedStyle(el)).get(el);
  const edges = new Map();
  const edgeOf = (el) => edges.get(el) ?? edges.set(el, el.getBoundingClientRect()).get(el);
  const visiblePart = (el, box) => {
    let cutBy = null;
    let scrolled = false;
    const ellipsis = styleOf(el).textOverflow === 'ellipsis';
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      if (a instanceof SVGElement && a.hasAttribute('clip-path')) {
        const clip = clipBoxOf(a);
        if (clip) {
          if (box.right > clip.right + 1 && box.left < clip.right - 1 && !cutBy) cutBy = `the clip of ${describe(a)}`;
          box = { left: Math.max(box.left, clip.left), right: Math.min(box.right, clip.right), top: Math.max(box.top, clip.top), bottom: Math.min(box.bottom, clip.bottom) };
        }
      }
      const style = styleOf(a);
      const edge = edgeOf(a);
      const hidesX = style.overflowX !== 'visible';
      const hidesY = style.overflowY !== 'visible' || a instanceof SVGSVGElement;
      if (hidesX || a instanceof SVGSVGElement) {
        const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
        if (!scrolls && !scrolled && !ellipsis && style.textOverflow !== 'ellipsis' && box.right > edge.right + 1 && box.left < edge.right - 1 && !cutBy) {
          cutBy = describe(a);
        }
        scrolled ||= scrolls;
        if (!scrolls) box = { ...box, left: Math.max(box.left, edge.left), right: Math.min(box.right, edge.right) };
      }
      if (hidesY) box = { ...box, top: Math.max(box.top, edge.top), bottom: Math.min(box.bottom, edge.bottom) };
      if (box.right - box.left < 1 || box.bottom - box.top < 1) return null;
    }
    return { ...box, cutBy, scrolled };
  };

  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let index = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript, template, option, title, .visually-hidden, .skip, [hidden]')) continue;
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const style = styleOf(el);
    if (el instanceof SVGElement && (style.fillOpacity === '0' || style.opacity === '0')) continue;
    let rects;
    if (el instanceof SVGElement) {
      rects = [el.getBoundingClientRect()];
    } else {
      range.selectNodeContents(node);
      rects = [...range.getClientRects()];
    }
    const id = index++;
    for (const r of rects) {
      if (r.width < 1 || r.height < 1) continue;
      const box = visiblePart(el, { left: r.left, right: r.right, top: r.top, bottom: r.bottom });
      if (box) boxes.push({ id, el, text: node.data.trim().slice(0, 40), ...box });
    }
  }

  // Cut off on the right: by an ancestor that hides its overflow, or past the window's edge.
  const cut = new Set();
  for (const box of boxes) {
    if (cut.has(box.id)) continue;
    const reason = box.cutBy ? `past the edge of ${box.cutBy}` : !box.scrolled && box.right > width + 1 ? `past the window's edge (${Math.round(box.right)} > ${width})` : '';
    if (reason) {
      cut.add(box.id);
      problems.push(`cut off: "${box.text}" (${describe(box.el)}) ${reason}`);
    }
  }

  // Overlapping text: line boxes of different text nodes that share more than 2 px each way.
  const seen = new Set();
  const sorted = boxes.slice().sort((a, b) => a.top - b.top);
  for (let i = 0; i < sorted.length; ++i) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].top < a.bottom - 2; ++j) {
      const b = sorted[j];
      if (a.id === b.id) continue;
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across <= 2 || down <= 2) continue;
      const key = `${Math.min(a.id, b.id)}/${Math.max(a.id, b.id)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(`overlap: "${a.text}" (${describe(a.el)}) and "${b.text}" (${describe(b.el)}) share ${Math.round(across)}×${Math.round(down)} px`);
    }
  }
  return problems;
}

try {
  // The night, published and served.
  run('synth', definition, '--seed', '7', '--stations', '60', '--out', join(work, 'night'));
  const db = join(work, 'night.db');
  run('init', definition, '--db', db, '--stations', join(work, 'night/stations.csv'));
  run('ingest', '--db', db, join(work, 'night/turnout.csv'), join(work, 'night/protocols.csv'));
  run('keys', 'log', '--out', join(work, 'log.key'));
  run('publish', '--db', db, '--out', join(work, 'bundle'), '--log-key', join(work, 'log.key'));
  const served = serve(db, '--bundle', join(work, 'bundle'));
  server = served.server;
  const url = await served.url;
  const [, first] = readFileSync(join(work, 'night/stations.csv'), 'utf8').trim().split('\n');
  const [station, district] = first.split(',');
  const pages = ['#/', '#/turnout', '#/map', '#/contests', '#/contest/mazhilis-list', `#/unit/${encodeURIComponent(district)}`,
    `#/station/${encodeURIComponent(station)}`, '#/rejected', '#/observers', '#/statistics', '#/downloads'];

  // A Senate night (the 2023 definition, no sitting reported yet): its page of sittings.
  const senateDb = join(work, 'senate.db');
  run('init', join(repo, 'elections/kz/2023-01-14-senate.toml'), '--db', senateDb);
  const senateServed = serve(senateDb);
  senateServer = senateServed.server;
  const senateUrl = await senateServed.url;

  browser = await launchChromium(join(work, 'chromium'), viewports[0]);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const problems = [];
  if (shots) mkdirSync(shots, { recursive: true });
  await visitAll(page, url, pages, problems);
  await visitAll(page, senateUrl, ['#/senate'], problems);
  assert.deepEqual(errors, [], 'no script errors');
  assert.deepEqual(problems, [], `layout problems on phones:\n  ${problems.join('\n  ')}`);
  console.log(`layout test passed: ${pages.length + 1} pages × ${viewports.length} widths × ${languages.length} languages in ${Math.round((Date.now() - started) / 1000)} s, no sideways scroll, no overlap, nothing cut off`);
} catch (error) {
  console.error(`layout test FAILED: ${error.message ?? error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  for (const running of [server, senateServer]) {
    if (!running || running.exitCode !== null) continue;
    const stopped = new Promise((done) => running.on('exit', done));
    running.kill('SIGINT');
    await stopped;
  }
  rmSync(work, { recursive: true, force: true });
}

// Every page of `pages` on the server at `url`, at each width in each language; the problems found
// are added to `problems`, named by width, language and page.
async function visitAll(page, url, pages, problems) {
  await page.goto(`${url}/${pages[0]}`);
  await page.waitForSelector('#app[data-updated]');
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    for (const language of languages) {
      await page.click(`[data-lang="${language}"]`);
      await page.waitForFunction((l) => document.documentElement.lang === l, language);
      for (const hash of pages) {
        const visited = Date.now();
        const before = await page.evaluate(() => document.getElementById('app').dataset.updated);
        const moved = await page.evaluate((h) => (location.hash || '#/') !== h && ((location.hash = h), true), hash);
        if (moved) {
          await page.waitForFunction((b) => document.getElementById('app').dataset.updated !== b, before, { timeout: 20_000 })
            .catch(() => problems.push(`${viewport.width} px ${language} ${hash}: the page was not drawn within 20 s`));
        }
        // Settled: the same width and number of elements twice, 150 ms apart (charts draw after the page).
        let last = '';
        for (let i = 0; i < 20; ++i) {
          await page.waitForTimeout(100);
          const now = await page.evaluate(() => `${document.scrollingElement.scrollWidth}/${document.getElementsByTagName('*').length}`);
          if (now === last) break;
          last = now;
        }
        const status = await page.locator('#status-bar.error').count();
        if (status) problems.push(`${viewport.width} px ${language} ${hash}: the page failed: ${await page.locator('#status-bar').textContent()}`);
        const started = Date.now();
        for (const problem of await page.evaluate(measure, navLimit)) problems.push(`${viewport.width} px ${language} ${hash}: ${problem}`);
        if (option('--timing', '')) console.log(`${viewport.width} ${language} ${hash}: measured in ${Date.now() - started} ms, visited in ${started - visited} ms`);
        if (shots) {
          const name = `${viewport.width}-${language}-${hash.replace(/^#\/?/, '').replace(/[^a-z0-9-]+/gi, '_') || 'overview'}.png`;
          await page.screenshot({ path: join(shots, name), fullPage: true });
        }
      }
    }
  }
}
