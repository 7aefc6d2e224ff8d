import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_HINT, probeFrame } from './frame-probe';

/** probeFrame as it runs in a frame: `window.top` is another window, which receives the hint. */
const topWindow = { postMessage: vi.fn() };
beforeEach(() => {
  topWindow.postMessage.mockClear();
  Object.defineProperty(window, 'top', { configurable: true, get: () => topWindow });
});
afterEach(() => {
  Object.defineProperty(window, 'top', { configurable: true, get: () => window });
  delete (window as unknown as Record<symbol, unknown>)[Symbol.for(FRAME_HINT)];
  document.body.innerHTML = '';
});

describe('probeFrame (run by the background in each frame’s page world)', () => {
  it.each([
    ['prose', '<p>Plain prose, 2024.</p>', 'clear'],
    ['a number', '<p>Call (415) 666-7777</p>', 'look'],
    ['seven digits anywhere (the prefilter decides what they are)', '<p>Order 12345</p><p>67</p>', 'look'],
    ['a tel: link without digits in its text', '<a href="TEL:+14156667777">call</a>', 'look'],
    ['a lead link', '<a href="https://app.close.com/lead/lead_abc/">open</a>', 'look'],
    ['an open shadow root', '<x-card id="host"></x-card>', 'look'],
  ])('%s → %s', (_name, html, verdict) => {
    document.body.innerHTML = html;
    document.getElementById('host')?.attachShadow({ mode: 'open' });
    expect(probeFrame(FRAME_HINT, 'self')).toBe(verdict);
  });

  it('says "top" in the top frame, which has the prefilter itself', () => {
    Object.defineProperty(window, 'top', { configurable: true, get: () => window });
    document.body.innerHTML = '<p>Call (415) 666-7777</p>';
    expect(probeFrame(FRAME_HINT, 'self')).toBe('top');
  });

  it('a clear frame tells the top frame once its content could hold a number', async () => {
    // A hint of its own: the frames probed by the cases above keep their observers (as real frames do).
    const hint = 'close-sms:test-hint';
    const posted = () => topWindow.postMessage.mock.calls.filter(([data]) => data === hint).length;
    document.body.innerHTML = '<p>Loading…</p>';
    expect(probeFrame(hint, 'self')).toBe('clear');
    expect(probeFrame(hint, 'self')).toBe('clear'); // a second probe adds no second observer
    document.body.insertAdjacentHTML('beforeend', '<p>Still nothing</p>');
    await new Promise((r) => setTimeout(r, 300));
    expect(posted()).toBe(0);
    document.body.insertAdjacentHTML('beforeend', '<p>Call (415) 666-7777</p>');
    await vi.waitFor(() => expect(posted()).toBe(1));
    expect(topWindow.postMessage).toHaveBeenCalledWith(hint, '*');
    delete (window as unknown as Record<symbol, unknown>)[Symbol.for(hint)];
  });

  it('refers to nothing outside its own body (the browser sends only its source)', () => {
    const source = probeFrame.toString();
    expect(source).not.toMatch(/\bFRAME_HINT\b|import|require\(/);
    // Rebuilt from its source alone, it still answers.
    const rebuilt = new Function(`return (${source})`)() as typeof probeFrame;
    document.body.innerHTML = '<p>Call (415) 666-7777</p>';
    expect(rebuilt(FRAME_HINT, 'self')).toBe('look');
  });
});
