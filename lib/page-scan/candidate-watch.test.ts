import { afterEach, describe, expect, it } from 'vitest';
import { textHasCandidate, watchForCandidates } from './candidate-watch';

const tick = () => new Promise((r) => setTimeout(r, 5));

function watch(html: string) {
  document.body.innerHTML = html;
  let found = 0;
  const w = watchForCandidates({ root: document, setTimeout: (fn, ms) => setTimeout(fn, ms), onFound: () => found++ });
  stop = w.stop;
  return { found: () => found };
}
let stop = () => {};
afterEach(() => stop());

describe('candidate watch (the always-on prefilter)', () => {
  it.each([
    ['a number', 'Call (415) 666-7777 today', true],
    ['an international number', 'Tel. +44 20 7946 0958', true],
    ['an Indian mobile written nationally', 'Mobile 98765 43210', true],
    ['a lead id', 'lead_4mW3kqP8fXbCvR2tZ9yLnH7sJdG6aQeU1oKiVp5wBxT', true],
    ['prose', 'Plain prose without any digits at all.', false],
    ['dates and times', 'Published 2024-01-15 at 10:02, updated 15.01.2024', false],
    ['an IP and a version', 'Server 192.168.100.200 runs 1.2.3.4567', false],
    ['a price', 'Total $1,234,567.89 due', false],
    ['a short number', 'Room 4012, floor 3', false],
  ])('%s → %s', (_name, text, expected) => {
    expect(textHasCandidate(text)).toBe(expected);
  });

  it('stays quiet on a page without candidates, and on numbers in parts the detector never reads', async () => {
    const w = watch(`<p>Nothing here, 2024-01-15.</p><script>var x = "(415) 666-7777"</script>
      <textarea>(415) 666-7778</textarea><pre>(415) 666-7779</pre><div hidden>(415) 666-7780</div>`);
    await tick();
    expect(w.found()).toBe(0);
  });

  it('never reads the text of skipped parts at all: a <style> in the body full of digit runs is passed over', async () => {
    // breitbart's 328 kB stylesheet in <body> made the prefilter scan every digit run of its CSS (73 ms).
    const css = '.a{margin:0 0 1px 2px;width:1234567px;color:#1234567}'.repeat(50);
    const read: string[] = [];
    // The prototype that holds Text's `data` getter (happy-dom has one between Text and CharacterData).
    let owner = Object.getPrototypeOf(document.createTextNode(''));
    while (owner && !Object.hasOwn(owner, 'data')) owner = Object.getPrototypeOf(owner);
    const data = Object.getOwnPropertyDescriptor(owner, 'data');
    if (!data?.get) throw new Error('no data getter');
    const getter = data.get;
    Object.defineProperty(owner, 'data', {
      ...data,
      get(this: CharacterData) {
        read.push(this.parentElement?.localName ?? '');
        return getter.call(this);
      },
    });
    try {
      const w = watch(`<p>Version 1.2.3 of 2024-01-15, build 7654321-b</p><style>${css}</style>`);
      await tick();
      expect(w.found()).toBe(0);
      expect(read).toContain('p');
      expect(read).not.toContain('style');
    } finally {
      Object.defineProperty(owner, 'data', data);
    }
  });

  it.each([
    ['text', '<p>Call <b>(415) 666-7777</b></p>'],
    ['a tel: link', '<a href="tel:+14156667777">call us</a>'],
    ['a lead link', '<a href="https://app.close.com/lead/lead_4mW3kqP8fXbCvR2tZ9yLnH7sJdG6aQeU1oKiVp5wBxT/">x</a>'],
    // Half of all lead ids hold fewer than 7 digits: the page's digit count must not decide for them.
    ['a lead id with no digits, in text', '<p>Lead lead_aaaaaaaaaaaaaaaaaaaaaaaa, updated 2024</p>'],
    ['a number among short runs in other nodes', '<p>2024</p><p>Room 12</p><p>Call <b>(415) 666-7777</b></p>'],
  ])('fires once for %s', async (_name, html) => {
    const w = watch(html);
    await tick();
    expect(w.found()).toBe(1);
    document.body.insertAdjacentHTML('beforeend', '<p>(415) 666-7781</p>');
    await tick();
    expect(w.found()).toBe(1);
  });

  it('fires when a number arrives later, in an added node, an edited text or an open shadow root', async () => {
    const w = watch('<p id="p">Nothing yet.</p><div id="host"></div>');
    await tick();
    expect(w.found()).toBe(0);
    (document.getElementById('p')?.firstChild as Text).data = 'Now: (415) 666-7777';
    await tick();
    expect(w.found()).toBe(1);

    // A custom element arrives with its shadow root already attached, its number inside.
    const w2 = watch('<div id="list"></div>');
    await tick();
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Shadow (415) 666-7777</p>';
    document.getElementById('list')?.append(host);
    await tick();
    expect(w2.found()).toBe(1);
  });
});
