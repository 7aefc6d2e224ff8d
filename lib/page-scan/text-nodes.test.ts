import { beforeEach, describe, expect, it } from 'vitest';
import { createPrunedWalk } from './text-nodes';

/** Every batch of a walk, joined: the texts' data, the links' hrefs, the shadow roots' hosts' names. */
function walkAll(root: Node, budget: number) {
  const walk = createPrunedWalk(root);
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

describe('createPrunedWalk: text nodes in document order, skipped parts left out', () => {
  beforeEach(() => {
    document.body.innerHTML = PAGE;
    (document.querySelector('x-card') as Element).attachShadow({ mode: 'open' }).innerHTML =
      '<p>Shadow 415-666-7015</p>';
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
    hosts: ['x-card'],
  };

  it.each([1, 2, 3, 256])('reads the same in batches of %i', (budget) => {
    expect(walkAll(document.getElementById('root') as Element, budget)).toEqual(expected);
  });

  it('walks a whole document, its head left out', () => {
    document.title = 'Title 415-666-7016';
    const all = walkAll(document, 256);
    expect(all.texts).toEqual([...expected.texts, 'Outside the root 415-666-7012']);
    expect(all.links).toEqual(expected.links);
    expect(all.hosts).toEqual(expected.hosts);
  });

  it('hands over the root itself when it is a link or a shadow host, and never skips the root', () => {
    const link = document.querySelector('a[href^=" sms"]') as Element;
    expect(walkAll(link, 256)).toEqual({
      texts: ['Text 415-666-7006 please'],
      links: [' sms:+14156667006'],
      hosts: [],
    });
    const host = document.querySelector('x-card') as Element;
    expect(walkAll(host, 256)).toEqual({ texts: [], links: [], hosts: ['x-card'] });
    const pre = document.querySelector('pre') as Element;
    expect(walkAll(pre, 256).texts).toEqual(['415-666-7007 in code']);
  });

  it('walks an open shadow root', () => {
    const shadow = (document.querySelector('x-card') as Element).shadowRoot as ShadowRoot;
    expect(walkAll(shadow, 256).texts).toEqual(['Shadow 415-666-7015']);
  });

  it('reads nothing of a document in design mode', () => {
    document.designMode = 'on';
    try {
      expect(walkAll(document, 256)).toEqual({ texts: [], links: [], hosts: [] });
    } finally {
      document.designMode = 'off';
    }
  });
});
