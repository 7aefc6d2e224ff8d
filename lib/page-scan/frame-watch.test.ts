import { describe, expect, it, vi } from 'vitest';
import { FRAME_HINT } from './frame-probe';
import { watchFrames } from './frame-watch';

/** A window with `frames` frames, a document, and a clock the test moves. */
function setup(frames: number, readyState: DocumentReadyState = 'complete') {
  const win = new EventTarget() as EventTarget & { length: number; document: Document };
  win.length = frames;
  win.document = document;
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => readyState });
  let clock = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const check = vi.fn(async () => null);
  const w = watchFrames({
    win: win as unknown as Window,
    check,
    now: () => clock,
    setTimeout: (fn, ms) => timers.push({ at: clock + ms, fn }),
  });
  const advance = (ms: number) => {
    clock += ms;
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= clock) t.fn();
      else timers.push(t);
    }
  };
  const frameLoads = () => {
    // Not a real iframe: the test DOM would try to load one. The watch goes by the element's name.
    const iframe = document.createElementNS('urn:test', 'iframe');
    document.body.append(iframe);
    iframe.dispatchEvent(new Event('load'));
    iframe.remove();
  };
  const hint = (data: unknown) => win.dispatchEvent(new MessageEvent('message', { data }));
  const pageLoads = () => {
    readyState = 'complete';
    win.dispatchEvent(new Event('load'));
  };
  return { w, check, advance, frameLoads, hint, pageLoads };
}

describe('watchFrames (the top frame asks the background to probe its frames)', () => {
  it('checks soon after start when the page has frames, and not at all when it has none', () => {
    const withFrames = setup(2);
    withFrames.advance(200);
    expect(withFrames.check).toHaveBeenCalledTimes(1);
    withFrames.w.stop();
    const none = setup(0);
    none.advance(5000);
    expect(none.check).not.toHaveBeenCalled();
    none.w.stop();
  });

  it('checks again when a frame loads or posts the hint, at most once a second', () => {
    const s = setup(0);
    s.frameLoads();
    s.advance(200);
    expect(s.check).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) {
      s.hint(FRAME_HINT);
      s.frameLoads();
      s.advance(100);
    }
    // 2 s of a page firing both in a loop: two more checks.
    expect(s.check).toHaveBeenCalledTimes(3);
    s.w.stop();
  });

  it('while the page loads, waits for its load to check once, however many frames load before it', () => {
    const s = setup(3, 'interactive');
    for (let i = 0; i < 3; i++) s.frameLoads();
    s.advance(5000);
    expect(s.check).not.toHaveBeenCalled();
    s.pageLoads();
    s.advance(200);
    expect(s.check).toHaveBeenCalledTimes(1);
    s.advance(5000);
    s.frameLoads();
    s.advance(200);
    expect(s.check).toHaveBeenCalledTimes(2);
    s.w.stop();
  });

  it('ignores other messages and image loads', () => {
    const s = setup(0);
    s.hint('close-sms:something-else');
    s.hint({ type: FRAME_HINT });
    const img = document.createElement('img');
    document.body.append(img);
    img.dispatchEvent(new Event('load'));
    img.remove();
    s.advance(5000);
    expect(s.check).not.toHaveBeenCalled();
    s.w.stop();
  });

  it('stops for good once the extension is gone', async () => {
    const s = setup(1);
    s.check.mockRejectedValueOnce(new Error('extension gone'));
    s.advance(200);
    await Promise.resolve();
    s.frameLoads();
    s.advance(5000);
    expect(s.check).toHaveBeenCalledTimes(1);
  });
});
