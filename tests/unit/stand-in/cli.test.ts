// @vitest-environment node
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED } from '../../stand-in/server';

const MAIN = fileURLToPath(new URL('../../stand-in/main.ts', import.meta.url));

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { ...process.env, ...env } });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(run: Run, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 200; i++) {
    const match = pattern.exec(run.output());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No ${pattern} in output:\n${run.output()}`);
}

describe('npm run stub (tests/stand-in/main.ts)', () => {
  it('prints the URL, key and seeded ids, serves, and stops cleanly on SIGTERM', async () => {
    const run = runMain({ PORT: '0', CLOSE_STUB_KEY: 'cli_key' });
    const [, baseUrl] = await waitForOutput(run, /API base URL : (\S+)/);
    expect(run.output()).toContain('cli_key');
    expect(run.output()).toContain(SEED.contacts.ben.id);
    const response = await fetch(`${baseUrl}me/`, {
      headers: { Authorization: `Basic ${Buffer.from('cli_key:').toString('base64')}` },
    });
    expect(response.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 20_000);

  it('names the busy port and exits non-zero', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const run = runMain({ PORT: String(port) });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${port} is busy`);
    } finally {
      blocker.close();
    }
  }, 20_000);
});
