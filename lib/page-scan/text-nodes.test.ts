import { beforeEach, describe, expect, it } from 'vitest';
import { createPrunedWalk, createTextWalk } from './text-nodes';

type Walk = typeof createPrunedWalk;

/** Every batch of a walk, joined: the texts' data, the links' hrefs, the shadow roots' hosts' names. */
function walkAll(createWalk: Walk, root: Node, budget: number) {
  const walk = createWalk(root);
  const out = { texts: [] as string[], links: [] as string[], hosts: [] as string[] };
  for (let guard = 0; guard < 10_000; guard++) {
    const batch = walk.next(budget);
    out.texts.push(...batch.texts.map((t) => t.data.trim()));
    out.links.push(...batch.links.map((a) => a.getAttribute('href') ?? ''));
    out.hosts.push(...batch.shadowRoots.map((s) => s.host.localName));
    if (batch.done) return out;
  }
  throw new Error('the walk never ended');
}

const PAGE = `
  <div id="root">
    <p>Call 415-666-7001 now</p>
    <script>var x = "415-666-7002";</script>
    <div hidden><p>Hidden 415-666-7003</p><a href="tel:+14156667004">hidden link</a></div>
    <a href="tel:+14156667005"></a>
    <a href=" sms:+14156667006">Text 415-666-7006 please</a>
    <style></style>
    <pre>415-666-7007 in code</pre>
    <x-card></x-card>
    <div class="host"></div>
    <code><a href="tel:+14156667017">415-666-7017</a><span class="host"></span></code>
    <span>After all 415-666-7008</span>
    <div aria-hidden="true"><x-inner></x-inner><p>Not read 415-666-7013</p></div>
    <textarea>415-666-7009 typed</textarea>
    <p contenteditable="false">Readable 415-666-7010</p>
    <p contenteditable>Editable 415-666-7011</p>
    <svg><title>Icon 415-666-7014</title></svg>
    <a href="https://app.close.com/lead/lead_abc/">lead link</a>
    <a href="https://example.com/about">not a number link</a>
  </div>
  <p>Outside the root 415-666-7012</p>`;

// The prefilter's walk (it stops at the first candidate) and the detector's (it reads everything) agree.
describe.each([
  ['createPrunedWalk', createPrunedWalk],
  ['createTextWalk', createTextWalk],
])('%s: text nodes in document order, skipped parts left out', (_, walk) => {
  beforeEach(() => {
    document.body.innerHTML = PAGE;
    (document.querySelector('x-card') as Element).attachShadow({ mode: 'open' }).innerHTML =
      '<p>Shadow 415-666-7015</p>';
    for (const host of document.querySelectorAll('.host'))
      host.attachShadow({ mode: 'open' }).innerHTML = '<p>Built-in host</p>';
    (document.querySelector('x-inner') as Element).attachShadow({ mode: 'open' }).innerHTML = '<p>In a hidden part</p>';
  });

  const expected = {
    texts: [
      'Call 415-666-7001 now',
      'Text 415-666-7006 please',
      'After all 415-666-7008',
      'Readable 415-666-7010',
      'lead link',
      'not a number link',
    ],
    links: ['tel:+14156667005', ' sms:+14156667006', 'https://app.close.com/lead/lead_abc/'],
    hosts: ['x-card', 'div'],
  };

  it.each([1, 2, 3, 256])('reads the same in batches of %i', (budget) => {
    expect(walkAll(walk, document.getElementById('root') as Element, budget)).toEqual(expected);
  });

  it('walks a whole document, its head left out', () => {
    document.title = 'Title 415-666-7016';
    const all = walkAll(walk, document, 256);
    expect(all.texts).toEqual([...expected.texts, 'Outside the root 415-666-7012']);
    expect(all.links).toEqual(expected.links);
    expect(all.hosts).toEqual(expected.hosts);
  });

  it('hands over the root itself when it is a link or a shadow host, and never skips the root', () => {
    const link = document.querySelector('a[href^=" sms"]') as Element;
    expect(walkAll(walk, link, 256)).toEqual({
      texts: ['Text 415-666-7006 please'],
      links: [' sms:+14156667006'],
      hosts: [],
    });
    const host = document.querySelector('x-card') as Element;
    expect(walkAll(walk, host, 256)).toEqual({ texts: [], links: [], hosts: ['x-card'] });
    const pre = document.querySelector('pre') as Element;
    expect(walkAll(walk, pre, 256).texts).toEqual(['415-666-7007 in code']);
  });

  it('leaves out a skipped part after the last text, and a link there', () => {
    const root = document.createElement('div');
    root.innerHTML =
      '<p>Call 415-666-7001 now</p><a href="tel:+14156667019"></a><span hidden><a href="tel:+14156667018"></a></span>';
    document.body.append(root);
    expect(walkAll(walk, root, 1)).toEqual({
      texts: ['Call 415-666-7001 now'],
      links: ['tel:+14156667019'],
      hosts: [],
    });
  });

  it('walks an open shadow root', () => {
    const shadow = (document.querySelector('x-card') as Element).shadowRoot as ShadowRoot;
    expect(walkAll(walk, shadow, 256).texts).toEqual(['Shadow 415-666-7015']);
  });

  it('reads nothing of a document in design mode', () => {
    document.designMode = 'on';
    try {
      expect(walkAll(walk, document, 256)).toEqual({ texts: [], links: [], hosts: [] });
    } finally {
      document.designMode = 'off';
    }
  });
});
