import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../e2e/support/free-port';
import { firefoxPath } from './firefox';

declare module 'vitest' {
  export interface ProvidedContext {
    firefoxExtensionPath: string;
    apiPort: number;
  }
}

/**
 * Builds the Firefox MV3 extension once, pointed at a stand-in port chosen now; each test file starts its own
 * stand-in on that port (as the Chromium suite does).
 */
export default async function setup(project: TestProject): Promise<void> {
  firefoxPath();
  const apiPort = await freePort();
  const root = resolve(import.meta.dirname, '../../..');
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WXT_CLOSE_API_URL: `http://127.0.0.1:${apiPort}/api/v1/`, WXT_ALLOW_LOCAL_API: '1' },
  });
  project.provide('firefoxExtensionPath', resolve(root, '.output/firefox-mv3-e2e'));
  project.provide('apiPort', apiPort);
}
