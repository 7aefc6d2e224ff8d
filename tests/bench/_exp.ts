import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setDetectionMode } from '../e2e/support/detection';
import { type LoadedExtension, launchExtension } from '../e2e/support/extension';
import { startFixtureServer } from '../e2e/support/fixture-server';
import { freePort } from '../e2e/support/free-port';
import { SEED, startStandIn } from '../stand-in/server';
import { c2dInitScript } from './browser-bench';

const ROOT = resolve(import.meta.dirname, '../..');
const exts = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const pages = (process.env.PAGES ?? '/no-numbers.html,/frames-1.html,/frames-20.html').split(',');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PROFILE = process.env.PROFILE;
const port = Number(process.env.PORT ?? 0) || (await freePort());
if (process.env.BUILD)
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, WXT_CLOSE_API_URL: `http://127.0.0.1:${port}/api/v1/`, WXT_ALLOW_LOCAL_API: '1' },
  });
const close = await startStandIn({ port });
const fixtures = await startFixtureServer();
async function measure(ext: LoadedExtension, url: string, settle: number, c2d?: string, profile?: string) {
  const page = await ext.context.newPage();
  if (c2d) await page.addInitScript(c2d);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, settle));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const { metrics } = await cdp.send('Performance.getMetrics');
  if (profile) {
    const { profile: p } = await cdp.send('Profiler.stop');
    writeFileSync(profile, JSON.stringify(p));
  }
  const m = (n: string) => (metrics.find((x) => x.name === n)?.value ?? 0) * 1000;
  await page.close();
  return { script: m('ScriptDuration'), task: m('TaskDuration') };
}
for (const dir of exts) {
  const ext = await launchExtension(resolve(dir));
  const key = await ext.openPage('options.html');
  await key.getByLabel('API key').fill(SEED.apiKey);
  await key.getByRole('button', { name: 'Save' }).click();
  await key.getByText('Connected as').waitFor();
  await key.close();
  const res: Record<
    string,
    { none: number[]; ours: number[]; c2d: number[]; c2dT: number[]; noneT: number[]; oursT: number[] }
  > = {};
  for (const p of pages) res[p] = { none: [], ours: [], c2d: [], c2dT: [], noneT: [], oursT: [] };
  const settle = Number(process.env.SETTLE ?? 1200);
  for (let r = 0; r < ROUNDS; r++) {
    await setDetectionMode(ext, 'off');
    for (const p of pages) {
      const x = await measure(ext, fixtures.url + p, settle);
      res[p]!.none.push(x.script);
      res[p]!.noneT.push(x.task);
      if (process.env.C2D) {
        const y = await measure(ext, fixtures.url + p, settle, c2dInitScript());
        res[p]!.c2d.push(y.script);
        res[p]!.c2dT.push(y.task);
      }
    }
    await setDetectionMode(ext, 'all');
    for (const p of pages) {
      const x = await measure(
        ext,
        fixtures.url + p,
        settle,
        undefined,
        PROFILE && r === ROUNDS - 1 ? `${PROFILE}-${p.replace(/\W/g, '')}.cpuprofile` : undefined,
      );
      res[p]!.ours.push(x.script);
      res[p]!.oursT.push(x.task);
    }
  }
  const min = (a: number[]) => Math.min(...a);
  for (const p of pages) {
    const x = res[p]!;
    console.log(
      dir,
      p,
      `none ${min(x.none).toFixed(1)} ours ${min(x.ours).toFixed(1)} added ${(min(x.ours) - min(x.none)).toFixed(1)} | task added ${(min(x.oursT) - min(x.noneT)).toFixed(1)}`,
      x.c2d.length
        ? `c2d added ${(min(x.c2d) - min(x.none)).toFixed(1)} c2d task added ${(min(x.c2dT) - min(x.noneT)).toFixed(1)}`
        : '',
      `all ours: ${x.ours.map((v) => v.toFixed(1)).join(' ')}`,
    );
  }
  await ext.close();
}
await fixtures.close();
await close.close();
process.exit(0);
