import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionPath: string;
    apiPort: number;
  }
}

/**
 * Builds the extension once, pointed at a stand-in port chosen now; each test file starts its own
 * stand-in on that port so it can seed and inject faults in-process.
 */
export default async function setup(project: TestProject): Promise<void> {
  chromiumPath();
  const apiPort = await freePort();
  const root = resolve(import.meta.dirname, '../../..');
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WXT_CLOSE_API_URL: `http://127.0.0.1:${apiPort}/api/v1/`, WXT_ALLOW_LOCAL_API: '1' },
  });
  project.provide('extensionPath', resolve(root, '.output/chrome-mv3-e2e'));
  project.provide('apiPort', apiPort);
}
