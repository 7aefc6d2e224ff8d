// Each architecture rule catches a deliberate break: a test of the test.
import { describe, expect, it } from 'vitest';
import {
  classificationViolations,
  contentScriptViolations,
  entrypointViolations,
  handlerOwnershipViolations,
  handlerRegistrationViolations,
  layeringViolations,
  packagesReachable,
  protocolKeys,
  runtimeImports,
} from './rules';

describe('architecture rules catch a deliberate break', () => {
  it('a component importing the background or the client', () => {
    expect(
      layeringViolations({
        'components/popup/Bad.tsx':
          "import { close } from '@/lib/background/close-data';\nimport type { X } from '@/lib/close/schemas';",
        'components/popup/Fine.tsx': "import type { SmsSummary } from '@/lib/protocol';",
      }),
    ).toEqual(['components/popup/Bad.tsx imports @/lib/background/close-data']);
  });

  it('a handler registered outside the gate', () => {
    expect(
      handlerRegistrationViolations({
        'lib/background/sneaky.ts': "onMessage('sendText', () => send());",
        'lib/background/raw.ts': 'browser.runtime.onMessage.addListener(() => true);',
        'lib/background/message-gate.ts': 'onMessage(type, handler);',
      }),
    ).toEqual([
      'lib/background/sneaky.ts registers a message handler outside lib/background/message-gate.ts',
      'lib/background/raw.ts registers a message handler outside lib/background/message-gate.ts',
    ]);
  });

  it('a message added to the protocol but not classified (and a stale classification)', () => {
    const keys = protocolKeys('export interface ProtocolMap {\n  sendText(r: X): Y;\n  deleteAll(): Z;\n}');
    expect(keys).toEqual(['sendText', 'deleteAll']);
    expect(classificationViolations(keys, ['sendText', 'oldOne'])).toEqual([
      'deleteAll is not classified',
      'oldOne is classified but not in ProtocolMap',
    ]);
  });

  it('a message handled twice, or by nobody', () => {
    expect(handlerOwnershipViolations(['a', 'b', 'c'], { one: ['a', 'b'], two: ['b'] })).toEqual([
      'b is handled by one and two',
      'c is handled by no module',
    ]);
  });

  it('zod or libphonenumber reaching the content script through a local import', () => {
    const files = {
      'entrypoints/content/index.ts': "import { x } from '@/lib/a';\nimport type { Z } from 'zod';",
      'lib/a.ts': "import { y } from './b';",
      'lib/b.ts': "import { z } from 'zod/mini';\nimport { p } from 'libphonenumber-js/max';",
    };
    const packages = packagesReachable('entrypoints/content/index.ts', files);
    expect(contentScriptViolations(packages, [/^zod/, /^libphonenumber-js/])).toEqual([
      'zod/mini reaches the content script through lib/b.ts',
      'libphonenumber-js/max reaches the content script through lib/b.ts',
    ]);
  });

  it('type-only imports do not count', () => {
    expect(runtimeImports("import type { A } from 'zod';\nimport { b } from 'preact';\nimport './x.css';")).toEqual([
      'preact',
      './x.css',
    ]);
  });

  it('an entrypoint that grew logic', () => {
    const fat = Array.from({ length: 40 }, (_, i) => `const v${i} = ${i};`).join('\n');
    expect(entrypointViolations({ 'entrypoints/background.ts': fat })).toEqual([
      'entrypoints/background.ts has 40 lines of code (at most 30: move logic to lib/)',
    ]);
  });
});
