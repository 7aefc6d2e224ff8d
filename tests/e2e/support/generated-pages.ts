import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Big pages made on request (they would be megabytes on disk): the 10,000-row table, and the hostile
 * pages of the bad-input checks. Each stores its body text in `window.__before` for the DOM comparison.
 */
const SNAPSHOT =
  'addEventListener("DOMContentLoaded",()=>{window.__before={html:document.body.innerHTML,text:document.body.innerText}})';

function page(title: string, body: string, script = '', snapshot = true): string {
  const code = `${script}${script && snapshot ? ';' : ''}${snapshot ? SNAPSHOT : ''}`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}` +
    `${code ? `<script>${code}</script>` : ''}</body></html>`
  );
}

/**
 * A page for `npm run bench` only: no script of its own, so every figure is the page's parsing and
 * rendering plus the variant's work. The e2e snapshot's `innerText` at DOMContentLoaded forced a layout of
 * the whole document inside the page's own task: on the 10,000-row table, one of 80–180 ms in every
 * variant, which the long-task figures could not tell from ours.
 */
const benchPage = (title: string, body: string) => page(title, body, '', false);

/** Real US area codes, so every row's number is valid (a made-up area code is not a phone number). */
const AREA_CODES = [415, 650, 212, 312, 617, 206, 303, 512, 702, 305];

export function tableRows(count: number): string {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const phone = `(${AREA_CODES[i % AREA_CODES.length]}) 666-${String(i % 10000).padStart(4, '0')}`;
    rows.push(`<tr><td>Lead ${i}</td><td>${phone}</td><td>2024-0${1 + (i % 9)}-1${i % 10}</td><td>$${i}.00</td></tr>`);
  }
  return `<table><tbody>${rows.join('')}</tbody></table>`;
}

function hugeText(): string {
  const chunk = 'Lorem ipsum dolor sit amet, call (415) 666-7301 or email us. Invoice 2024-01-15 for $1,234.56. ';
  return page('Huge text node', `<p>${chunk.repeat(Math.ceil(5_000_000 / chunk.length))}</p>`);
}

function manyNodes(): string {
  const cells: string[] = [];
  for (let i = 0; i < 100_000; i++) cells.push(i % 1000 === 0 ? '<span>(415) 666-7302</span>' : `<span>x${i}</span>`);
  return page('100,000 nodes', `<div>${cells.join('')}</div>`);
}

// HTML parsers cap nesting depth, so the 5,000-level tree is built by script. Its levels are
// display:contents because Chromium's own layout crashes the tab on 5,000 nested boxes (with or without
// the extension); the DOM the detector walks is still 5,000 elements deep.
const deepScript = `let el=document.body;for(let i=0;i<5000;i++){const d=document.createElement('div');d.style.display='contents';el.append(d);el=d}const s=document.createElement('span');s.textContent='Deep: (415) 666-7303';el.append(s)`;

// The page replaces built-ins the content script might use; the isolated world must not care.
const hostileScript = `Array.prototype.push=function(){throw new Error('push hijacked')};Array.prototype.map=function(){return 42};
Node.prototype.appendChild=function(){throw new Error('appendChild hijacked')};
Element.prototype.getAttribute=function(){return 'tel:0'};
window.MutationObserver=function(){throw new Error('no observers')};
String.prototype.slice=function(){return ''};`;

/** A frame page without numbers: a few paragraphs of prose. */
const FRAME_CHILD = benchPage(
  'Frame without numbers',
  '<p>Plain prose without any digits, inside a frame.</p>'.repeat(20),
);

/** `count` same-origin iframes without numbers: what a frame costs the detector, times one or twenty. */
function framesPage(count: number): string {
  const frames = Array.from(
    { length: count },
    () => '<iframe src="/frame-no-numbers.html" width="300" height="80"></iframe>',
  );
  return benchPage(`${count} frames`, `<p>A page of frames without numbers.</p>${frames.join('')}`);
}

/**
 * Frames the top frame's probe has to handle (lib/page-scan/frame-probe.ts), each with one number that is
 * only inside a frame: one there at load, one in an iframe the page adds later, one a frame renders after
 * its load, one in a sandboxed frame (an opaque origin: the top frame's probe can't read it, only a probe
 * in the frame itself), one in a shadow root, one that is only a link's, and one on a site the extension
 * has no access to (localhost instead of 127.0.0.1), which must stay unread.
 */
const LATE_CONTENT = page(
  'Frame that renders later',
  '<p>Loading…</p>',
  `setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<p>Rendered later: (415) 666-7106</p>'), 700)`,
  false,
);
/**
 * A frame whose only number is in an open shadow root of a custom element, so the probe must find the host
 * (its text check sees none: the script spells the number in base 36, one digit in all).
 */
const SHADOW_FRAME = page(
  'Frame with its number in a shadow root',
  '<x-card id="card"></x-card>',
  `const r = 'z'.charCodeAt() - 'V'.charCodeAt();
  document.getElementById('card').attachShadow({ mode: 'open' }).innerHTML =
    '<p>In a shadow root in a frame: (' + parseInt('bj', r) + ') ' + parseInt('ii', r) + '-' + parseInt('5hh', r) + '</p>'`,
  false,
);
const numberFrame = (label: string, phone: string) => page(label, `<p>${label}: ${phone}</p>`, '', false);
const FRAMES_ONLY = page(
  'Numbers only in frames',
  '<p>No numbers up here.</p><iframe src="/frame-only-child.html"></iframe><iframe src="/frame-late-content.html"></iframe>' +
    '<iframe sandbox="allow-scripts" src="/frame-cross-child.html"></iframe><iframe src="/frame-shadow-child.html"></iframe>' +
    '<iframe src="/frame-link-child.html"></iframe>',
  `addEventListener('load', () => {
    setTimeout(() => {
      const added = document.createElement('iframe');
      added.src = '/frame-added-child.html';
      document.body.append(added);
      const ungranted = document.createElement('iframe');
      ungranted.src = location.origin.replace('//127.0.0.1', '//localhost') + '/frame-ungranted-child.html';
      document.body.append(ungranted);
    }, 300);
  })`,
);

/**
 * The ten largest pages of mozilla/readability's test suite, scripts removed (../shared/fixtures/real-pages,
 * kept outside the repository; REAL_PAGES_DIR overrides). Served as /real/<name>.html for the bench.
 */
export const REAL_PAGES_DIR =
  process.env.REAL_PAGES_DIR ?? resolve(import.meta.dirname, '../../../../shared/fixtures/real-pages');

export function realPageNames(): string[] {
  if (!existsSync(REAL_PAGES_DIR)) throw new Error(`real pages not found in ${REAL_PAGES_DIR} (set REAL_PAGES_DIR)`);
  return readdirSync(REAL_PAGES_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.replace(/\.html$/, ''))
    .sort();
}

function realPages(): Record<string, () => string> {
  if (!existsSync(REAL_PAGES_DIR)) return {};
  const out: Record<string, () => string> = {};
  for (const name of realPageNames())
    out[`/real/${name}.html`] = () => readFileSync(resolve(REAL_PAGES_DIR, `${name}.html`), 'utf8');
  return out;
}

/**
 * 200 distinct valid numbers, three of them seeded contacts' (Ana, Ben, Chloé), for the picker's who's-who:
 * the rest belong to no one in Close.
 */
export const MANY_NUMBERS_KNOWN = ['(650) 666-0123', '(312) 666-0143', '(613) 666-0142'];
function manyNumbers(): string {
  const items = Array.from({ length: 197 }, (_, i) => `<li>Office ${i}: (415) 777-${String(1000 + i)}</li>`);
  items.splice(20, 0, `<li>Ana: ${MANY_NUMBERS_KNOWN[0]}</li>`);
  items.splice(110, 0, `<li>Ben: ${MANY_NUMBERS_KNOWN[1]}</li>`);
  items.push(`<li>Chloé: ${MANY_NUMBERS_KNOWN[2]}</li>`);
  return page('200 numbers', `<ul>${items.join('')}</ul>`);
}

export const GENERATED: Record<string, () => string> = {
  '/many-numbers.html': manyNumbers,
  ...realPages(),
  '/frame-no-numbers.html': () => FRAME_CHILD,
  '/frames-only.html': () => FRAMES_ONLY,
  '/frame-only-child.html': () => numberFrame('In a frame at load', '(415) 666-7104'),
  '/frame-added-child.html': () => numberFrame('In a frame added later', '(415) 666-7105'),
  '/frame-late-content.html': () => LATE_CONTENT,
  '/frame-shadow-child.html': () => SHADOW_FRAME,
  // Its only number is a link's, spelled in capitals: the probe's link test must ignore case.
  '/frame-link-child.html': () =>
    page('Frame with a call link', '<p><a href="TEL:+14156667110">Call the front desk</a></p>', '', false),
  '/frame-cross-child.html': () => numberFrame('In a sandboxed frame', '(415) 666-7107'),
  '/frame-ungranted-child.html': () => numberFrame('On a site the rep has not granted', '(415) 666-7108'),
  '/frames-1.html': () => framesPage(1),
  '/frames-20.html': () => framesPage(20),
  '/table-10k.html': () => page('10,000 rows', tableRows(10_000)),
  '/table-10k-bench.html': () => benchPage('10,000 rows', tableRows(10_000)),
  '/no-numbers.html': () => benchPage('No numbers', '<p>Plain prose without any digits. </p>'.repeat(2000)),
  '/huge-text.html': hugeText,
  '/many-nodes.html': manyNodes,
  '/deep.html': () => page('Deep', '', deepScript, false),
  '/hostile.html': () => page('Hostile', '<p>Hostile page (415) 666-7304</p>', hostileScript),
};
