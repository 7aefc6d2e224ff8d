import { resolve } from 'node:path';
import { setDetectionMode } from '../e2e/support/detection';
import { launchExtension } from '../e2e/support/extension';
import { startFixtureServer } from '../e2e/support/fixture-server';
import { SEED, startStandIn } from '../stand-in/server';

const close = await startStandIn({ port: 45678 });
const fixtures = await startFixtureServer();
const ext = await launchExtension(resolve(process.argv[2]!));
const key = await ext.openPage('options.html');
await key.getByLabel('API key').fill(SEED.apiKey);
await key.getByRole('button', { name: 'Save' }).click();
await key.getByText('Connected as').waitFor();
await key.close();
for (const mode of ['off', 'all', 'all'] as const) {
  await setDetectionMode(ext, mode);
  const page = await ext.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  const events: any[] = [];
  cdp.on('Tracing.dataCollected', (d: any) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8',
    transferMode: 'ReportEvents',
  });
  await page.goto(fixtures.url + (process.env.PAGE ?? '/table-10k.html'), { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 3500));
  await cdp.send('Tracing.end');
  await done;
  // main thread of the renderer: the thread with most RunTask events named CrRendererMain
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const main = [...names].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
  const sums = new Map<string, number>();
  for (const e of events) {
    if (!main.includes(`${e.pid}:${e.tid}`) || e.ph !== 'X' || !e.dur) continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log(
    mode,
    [...sums]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 18)
      .map(([k, v]) => `${k}=${v.toFixed(0)}`)
      .join(' '),
  );
  await page.close();
}
await ext.close();
await fixtures.close();
await close.close();
process.exit(0);
