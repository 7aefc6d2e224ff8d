import { beforeEach, describe, expect, it } from 'vitest';
import { readTexts } from '../background/number-reader';
import { findPhoneNumbers } from '../detect';
import { MAX_BATCH_CHARS, MAX_BATCH_TEXT_CHARS, MAX_BATCH_TEXTS, type PhoneAnswer } from '../detect/number-batch';
import type { PageFindings } from '../page-findings';
import { createPageDetector, type FindPhones, type HighlightSink, textWindows } from './page-detector';
import { showEverything, type ViewportWatchFactory } from './viewport-watch';

function fakeSink(): HighlightSink & { ranges: Set<Range> } {
  const ranges = new Set<Range>();
  return { ranges, add: (r) => ranges.add(r), remove: (r) => ranges.delete(r), clear: () => ranges.clear() };
}

function start(html: string, viewport: ViewportWatchFactory = showEverything) {
  document.body.innerHTML = html;
  const sink = fakeSink();
  const reports: PageFindings[] = [];
  const detector = createPageDetector({
    root: document,
    findPhones: localFindPhones,
    highlights: sink,
    onFindings: (f) => reports.push(f),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    reportDelayMs: 0,
    viewport,
  });
  detector.scan(document.body);
  return { detector, sink, reports };
}

/** The background's answer (lib/background/number-reader.ts), computed here. */
const localFindPhones = async (texts: string[]) => readTexts(texts, 'US');

const highlighted = (sink: { ranges: Set<Range> }) => [...sink.ranges].map((r) => r.toString()).sort();

describe('page detector', () => {
  let stopAll: (() => void) | undefined;
  beforeEach(() => {
    stopAll?.();
  });

  it('finds numbers in readable text and skips code, fields, editable and hidden parts', async () => {
    const html = `
      <p>Call (415) 666-7777 today.</p>
      <div><span>Fax +44 20 7946 0958</span></div>
      <script>var x = "(415) 666-1111";</script>
      <textarea>(415) 666-2222</textarea>
      <pre>(415) 666-3333</pre><code>(415) 666-4444</code>
      <div contenteditable="true">(415) 666-5555</div>
      <div hidden>(415) 666-6666</div>
      <div style="display:none"><b>(415) 666-8888</b></div>`;
    const { detector, sink } = start(html);
    const before = document.body.innerHTML;
    stopAll = detector.stop;
    await detector.idle();
    expect(highlighted(sink)).toEqual(['(415) 666-7777', '+44 20 7946 0958'].sort());
    expect(document.body.innerHTML).toBe(before);
  });

  it('reads tel:, sms: and callto: links and lead links by their href', async () => {
    const { detector } = start(`
      <a href="tel:+1%20415%20666%207777">call</a>
      <a href="sms:4156667778?body=hi">text</a>
      <a href="callto://+442079460958">skype</a>
      <a href="https://app.close.com/lead/lead_4mW3kqP8fXbCvR2tZ9yLnH7sJdG6aQeU1oKiVp5wBxT/">lead</a>`);
    stopAll = detector.stop;
    await detector.idle();
    const f = detector.findings();
    expect(f.numbers.map((n) => n.e164).sort()).toEqual(['+14156667777', '+14156667778', '+442079460958']);
    expect(f.leadIds).toEqual(['lead_4mW3kqP8fXbCvR2tZ9yLnH7sJdG6aQeU1oKiVp5wBxT']);
  });

  it('reports each number once, most frequent first, as the page first wrote it', async () => {
    const { detector } = start(`
      <p>Call 415.666.7778</p><p>Main line (415) 666-7777</p><p>or +1 415 666 7777</p>
      <a href="tel:+1%20415%20666%207777">call</a>`);
    stopAll = detector.stop;
    await detector.idle();
    expect(detector.findings().numbers).toEqual([
      { e164: '+14156667777', raw: '(415) 666-7777', count: 3 },
      { e164: '+14156667778', raw: '415.666.7778', count: 1 },
    ]);
  });

  it('enters open shadow roots', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const host = document.getElementById('host') as HTMLElement;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Shadow line (415) 666-7777</p>';
    const sink = fakeSink();
    const detector = createPageDetector({
      root: document,
      findPhones: localFindPhones,
      highlights: sink,
      onFindings: () => {},
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      viewport: showEverything,
    });
    stopAll = detector.stop;
    detector.scan(document.body);
    await detector.idle();
    expect(highlighted(sink)).toEqual(['(415) 666-7777']);
  });

  it('follows additions, edits and removals without rescanning the document', async () => {
    const { detector, sink, reports } = start('<ul id="list"><li>First (415) 666-7777</li></ul>');
    stopAll = detector.stop;
    await detector.idle();
    const list = document.getElementById('list') as HTMLElement;
    const li = document.createElement('li');
    li.textContent = 'Second (415) 666-7778';
    list.append(li);
    await new Promise((r) => setTimeout(r, 0));
    await detector.idle();
    expect(highlighted(sink)).toEqual(['(415) 666-7777', '(415) 666-7778']);

    (li.firstChild as Text).data = 'Second (415) 666-7779';
    await new Promise((r) => setTimeout(r, 0));
    await detector.idle();
    expect(highlighted(sink)).toEqual(['(415) 666-7777', '(415) 666-7779']);

    list.firstElementChild?.remove();
    await new Promise((r) => setTimeout(r, 0));
    await detector.idle();
    expect(highlighted(sink)).toEqual(['(415) 666-7779']);
    await new Promise((r) => setTimeout(r, 5));
    expect(reports.at(-1)?.numbers.map((n) => n.e164)).toEqual(['+14156667779']);
  });

  it('scans a huge text node in windows and finds exactly what a whole-text scan finds', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 2000; i++)
      parts.push(`Row ${i} lorem ipsum dolor sit amet, call (415) 666-${String(1000 + i).padStart(4, '0')} now.`);
    const text = parts.join(' ');
    const { detector, sink } = start('');
    stopAll = detector.stop;
    document.body.textContent = text;
    await new Promise((r) => setTimeout(r, 0));
    await detector.idle();
    const expected = findPhoneNumbers(text, { defaultCountry: 'US' }).map((m) => m.raw);
    expect(expected.length).toBeGreaterThan(1500);
    expect(sink.ranges.size).toBe(expected.length);
  });

  it('matchAt returns the number under a text offset', async () => {
    const { detector } = start('<p>Call (415) 666-7777 today.</p>');
    stopAll = detector.stop;
    await detector.idle();
    const text = document.querySelector('p')?.firstChild as Text;
    expect(detector.matchAt(text, 8)?.match.value).toBe('+14156667777');
    expect(detector.matchAt(text, 1)).toBeNull();
  });

  it('paints only elements near the viewport, while findings and the hover cover the whole page', async () => {
    // A viewport the test moves by hand: which rows are "near the viewport" right now.
    let notify: (shown: Element[], hidden: Element[]) => void = () => {};
    const observed = new Set<Element>();
    const viewport: ViewportWatchFactory = (onChange) => {
      notify = onChange;
      return { observe: (el) => observed.add(el), unobserve: (el) => observed.delete(el), disconnect() {} };
    };
    const rows = Array.from({ length: 50 }, (_, i) => `<li>Row ${i}: (415) 666-${String(7000 + i)}</li>`).join('');
    const { detector, sink, reports } = start(`<ul>${rows}</ul>`, viewport);
    stopAll = detector.stop;
    await detector.idle();
    expect(observed.size).toBe(50);
    expect(sink.ranges.size).toBe(0);
    const items = [...document.querySelectorAll('li')];
    notify(items.slice(0, 3), []);
    expect(highlighted(sink)).toEqual(['(415) 666-7000', '(415) 666-7001', '(415) 666-7002']);
    // The rep scrolls: the first rows leave, rows 40–41 arrive, in one batch.
    notify(items.slice(40, 42), items.slice(0, 3));
    expect(highlighted(sink)).toEqual(['(415) 666-7040', '(415) 666-7041']);
    await new Promise((r) => setTimeout(r, 5));
    expect(reports.at(-1)?.numbers).toHaveLength(50);
    // The hover asks about a row that was never painted: it still gets a range of the number.
    const text = items[20]?.firstChild as Text;
    const hit = detector.matchAt(text, 10);
    expect(hit?.match.value).toBe('+14156667020');
    expect(hit?.range.toString()).toBe('(415) 666-7020');
    // A removed row is no longer observed.
    items[40]?.remove();
    await new Promise((r) => setTimeout(r, 0));
    await detector.idle();
    expect(observed.has(items[40] as Element)).toBe(false);
    expect(highlighted(sink)).toEqual(['(415) 666-7041']);
  });

  describe('textWindows: a huge text in request-sized windows', () => {
    const word = 'x'.repeat(200);
    // The longest window: a whitespace exactly the overlap (128) before a boundary, none after it.
    const boundary = textWindows('x'.repeat(200_000))[0]?.to ?? 0;
    const worst = `${'x'.repeat(boundary - 128)} ${'x'.repeat(100_000)}`;
    it.each([
      ['a whitespace as far back as a window may start', worst],
      ['no whitespace at all', 'x'.repeat(200_000)],
      ['words longer than the overlap', Array(1000).fill(word).join(' ')],
      ['numbers and words', 'Call (415) 666-7777 or write. '.repeat(4000)],
      ['exactly one window', 'x'.repeat(MAX_BATCH_TEXT_CHARS - 256)],
    ])('%s: every window fits a request, covers its part, and starts at whitespace when it can', (_, data) => {
      const windows = textWindows(data);
      let covered = 0;
      for (const w of windows) {
        expect(w.slice.length).toBeLessThanOrEqual(MAX_BATCH_TEXT_CHARS);
        expect(data.slice(w.from, w.from + w.slice.length)).toBe(w.slice);
        expect(w.from).toBeLessThanOrEqual(covered);
        covered = w.to;
        if (w.from > 0 && /\s/.test(data.slice(w.from - 128, w.from))) expect(data[w.from]).toMatch(/\s/);
      }
      expect(covered).toBe(data.length);
    });
  });

  describe('asking the background', () => {
    function startWith(html: string, findPhones: FindPhones) {
      document.body.innerHTML = html;
      const sink = fakeSink();
      const detector = createPageDetector({
        root: document,
        findPhones,
        highlights: sink,
        onFindings: () => {},
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        reportDelayMs: 0,
        viewport: showEverything,
        retryMs: 1,
      });
      stopAll = detector.stop;
      detector.scan(document.body);
      return { detector, sink };
    }

    it('sends texts in batches within the request limits, and no text twice', async () => {
      const calls: string[][] = [];
      // 40 texts of 8,000 characters: more than one request's MAX_BATCH_CHARS.
      const filler = 'lorem ipsum '.repeat(666);
      const rows = Array.from({ length: 40 }, (_, i) => `<li>${filler}(415) 666-${String(i).padStart(4, '0')}</li>`);
      const { detector, sink } = startWith(`<ul>${rows.join('')}</ul>`, async (texts) => {
        calls.push(texts);
        return localFindPhones(texts);
      });
      await detector.idle();
      expect(calls.length).toBeGreaterThan(1);
      for (const c of calls) {
        expect(c.length).toBeLessThanOrEqual(MAX_BATCH_TEXTS);
        expect(c.join('').length).toBeLessThanOrEqual(MAX_BATCH_CHARS);
      }
      expect(new Set(calls.flat()).size).toBe(calls.flat().length);
      expect(sink.ranges.size).toBe(40);
    });

    it('asks again after a failure (the worker was restarting), and finds the numbers', async () => {
      let failures = 2;
      const { detector, sink } = startWith('<p>Call (415) 666-7777</p>', async (texts) => {
        if (failures-- > 0) throw new Error('Could not establish connection. Receiving end does not exist.');
        return localFindPhones(texts);
      });
      await detector.idle();
      expect(highlighted(sink)).toEqual(['(415) 666-7777']);
    });

    it('gives a text up after four failed requests, and keeps what it found itself', async () => {
      let calls = 0;
      const lead = 'lead_4mW3kqP8fXbCvR2tZ9yLnH7sJdG6aQeU1oKiVp5wBxT';
      const { detector } = startWith(`<p>Call (415) 666-7777 about ${lead}</p>`, async () => {
        calls++;
        throw new Error('no background');
      });
      await detector.idle();
      expect(calls).toBe(4);
      expect(detector.findings()).toMatchObject({ numbers: [], leadIds: [lead] });
    });

    it.each([
      ['an answer in the old shape (a list per text)', async () => [[]] as unknown as PhoneAnswer],
      ['an answer whose lists disagree', async () => ({ spans: [0, 5, 19], e164: [] })],
      ['an answer that is not an object', async () => 'nope' as unknown as PhoneAnswer],
    ])('treats %s as a failure', async (_, answer) => {
      let calls = 0;
      const { detector, sink } = startWith('<p>Call (415) 666-7777</p>', async (texts) => {
        calls++;
        return calls === 1 ? answer() : localFindPhones(texts);
      });
      await detector.idle();
      expect(highlighted(sink)).toEqual(['(415) 666-7777']);
    });

    it('drops an answer for text that changed while it was asked about', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const { detector, sink } = startWith('<p>Call (415) 666-7777</p>', async (texts) => {
        const answer = localFindPhones(texts);
        if (texts[0]?.includes('7777')) await gate;
        return answer;
      });
      await new Promise((r) => setTimeout(r, 5));
      const text = document.querySelector('p')?.firstChild as Text;
      text.data = 'Call (415) 666-8888';
      await new Promise((r) => setTimeout(r, 5));
      release();
      await detector.idle();
      expect(highlighted(sink)).toEqual(['(415) 666-8888']);
      expect(detector.findings().numbers.map((n) => n.e164)).toEqual(['+14156668888']);
    });

    it('drops an answer for a link whose href changed while it was asked about', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const { detector } = startWith('<a href="tel:4156667777">call</a>', async (texts) => {
        const answer = localFindPhones(texts);
        if (texts[0]?.includes('7777')) await gate;
        return answer;
      });
      await new Promise((r) => setTimeout(r, 5));
      document.querySelector('a')?.setAttribute('href', 'tel:4156668888');
      await new Promise((r) => setTimeout(r, 5));
      release();
      await detector.idle();
      expect(detector.findings().numbers.map((n) => n.e164)).toEqual(['+14156668888']);
    });
  });
});
