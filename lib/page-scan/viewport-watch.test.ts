import { describe, expect, it } from 'vitest';
import { isNearViewport, rectViewport, UPDATE_GAP_MS } from './viewport-watch';

const box = (top: number, height = 20) => ({ top, bottom: top + height, width: 100, height });

describe('isNearViewport (one viewport of margin above and below)', () => {
  it.each([
    ['on screen', box(100), true],
    ['just below the screen', box(900), true],
    ['a viewport and a bit below', box(1700), false],
    ['just above the screen', box(-700), true],
    ['two viewports above', box(-1700), false],
    ['no box (display: none)', { top: 0, bottom: 0, width: 0, height: 0 }, false],
  ])('%s → %s', (_name, rect, near) => {
    expect(isNearViewport(rect, 800)).toBe(near);
  });
});

describe('rectViewport', () => {
  function setup() {
    const listeners = new Map<string, () => void>();
    let clock = 0;
    const frames: (() => void)[] = [];
    const timers: { at: number; fn: () => void }[] = [];
    const changes: { shown: string[]; hidden: string[] }[] = [];
    const tops = new Map<Element, number>();
    const watch = rectViewport({
      win: {
        innerHeight: 800,
        addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
        removeEventListener: (type: string) => listeners.delete(type),
      } as unknown as Window,
      frame: (fn) => frames.push(fn),
      setTimeout: (fn, ms) => timers.push({ at: clock + ms, fn }),
      now: () => clock,
    })((shown, hidden) => changes.push({ shown: shown.map((e) => e.id), hidden: hidden.map((e) => e.id) }));
    const row = (id: string, top: number) => {
      const el = document.createElement('div');
      el.id = id;
      tops.set(el, top);
      el.getBoundingClientRect = () => ({ ...box(tops.get(el) ?? 0) }) as DOMRect;
      return el;
    };
    const scrollBy = (dy: number) => {
      for (const [el, top] of tops) tops.set(el, top - dy);
      listeners.get('scroll')?.();
    };
    const run = (ms = 0) => {
      clock += ms;
      for (const t of timers.splice(0)) if (t.at <= clock) t.fn();
      for (const f of frames.splice(0)) f();
    };
    return { watch, row, scrollBy, run, changes, listeners, frames };
  }

  it('reports what comes near as the rep scrolls, in one batch per pass', () => {
    const s = setup();
    const rows = Array.from({ length: 100 }, (_, i) => s.row(`r${i}`, i * 100));
    for (const r of rows) s.watch.observe(r);
    s.run();
    // 0..1600 px: rows 0–16.
    expect(s.changes).toHaveLength(1);
    expect(s.changes[0]?.shown).toEqual(rows.slice(0, 17).map((r) => r.id));
    s.scrollBy(5000);
    s.run(UPDATE_GAP_MS);
    // Now -800..1600 around 5000: rows 42–66 near, rows 0–16 gone.
    expect(s.changes[1]?.shown).toEqual(rows.slice(42, 67).map((r) => r.id));
    expect(s.changes[1]?.hidden).toEqual(rows.slice(0, 17).map((r) => r.id));
  });

  it('strides over runs of rows far from the screen, reading about a tenth of 10,000 rectangles', () => {
    const s = setup();
    const rows = Array.from({ length: 10_000 }, (_, i) => s.row(`r${i}`, i * 20));
    let reads = 0;
    for (const r of rows) {
      const read = r.getBoundingClientRect;
      r.getBoundingClientRect = () => {
        reads++;
        return read();
      };
      s.watch.observe(r);
    }
    s.run();
    expect(s.changes[0]?.shown).toEqual(rows.slice(0, 81).map((r) => r.id)); // 0..1600 px
    expect(reads).toBeLessThan(1500);
    reads = 0;
    s.scrollBy(100_000); // to row 5,000
    s.run(UPDATE_GAP_MS);
    expect(s.changes[1]?.shown).toEqual(rows.slice(4959, 5081).map((r) => r.id));
    expect(s.changes[1]?.hidden).toEqual(rows.slice(0, 81).map((r) => r.id));
    expect(reads).toBeLessThan(1500);
  });

  it('makes one pass per gap however many scroll events arrive, and nothing after disconnect', () => {
    const s = setup();
    s.watch.observe(s.row('a', 0));
    s.run();
    for (let i = 0; i < 50; i++) s.scrollBy(10);
    expect(s.frames).toHaveLength(0); // the next pass waits out the gap
    s.run(UPDATE_GAP_MS);
    s.watch.disconnect();
    expect(s.listeners.size).toBe(0);
    s.scrollBy(5000);
    s.run(UPDATE_GAP_MS);
    expect(s.changes).toEqual([{ shown: ['a'], hidden: [] }]);
  });
});
