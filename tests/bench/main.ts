/**
 * `npm run bench`: every figure the issues ask for, measured in one run on this machine.
 * Timings are printed, never asserted: the tests check correctness and sizes.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runBrowserBench } from './browser-bench';
import { bundleSizes } from './bundle-sizes';
import { runDetectBench } from './detect-throughput';

const ROOT = resolve(import.meta.dirname, '../..');
const row = (label: string, value: string) => console.log(`  ${label.padEnd(46)}${value}`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

console.log('Detection throughput (1 MB generated text, same process)');
const d = await runDetectBench();
row('findPhoneNumbers (ours)', `${d.oursMBs.toFixed(2)} MB/s`);
row('libphonenumber-js findPhoneNumbersInText', `${d.libMBs.toFixed(2)} MB/s`);
row('ratio', `${d.ratio.toFixed(1)}×`);
row(
  'ours without the validation cache',
  `${d.oursUncachedMBs.toFixed(2)} MB/s (${(d.oursUncachedMBs / d.libMBs).toFixed(1)}×)`,
);
row('matches', String(d.matches));
row('identical answers', d.identical ? 'yes' : `NO (${d.differences.length} differences)`);

console.log('\nProduction bundle (npm run build), per script');
execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
for (const b of bundleSizes(resolve(ROOT, '.output/chrome-mv3')))
  row(b.file, `${kb(b.bytes)} (gzip ${kb(b.gzipBytes)})`);

console.log('\nReal Chromium with the built extension');
const b = await runBrowserBench();
row('10,000-row table: page load', `${b.table.loadMs.toFixed(0)} ms`);
row('10,000-row table: all numbers detected at', `${b.table.detectedMs.toFixed(0)} ms after navigation`);
row('  longest main-thread task after load', `${b.table.longestTaskAfterLoadMs.toFixed(0)} ms`);
row('  tasks over 50 ms after load', String(b.table.tasksOver50AfterLoad));
row('page without numbers: script time with detector', `${b.noNumbersScriptMs.withDetector.toFixed(1)} ms`);
row('page without numbers: script time, detection off', `${b.noNumbersScriptMs.without.toFixed(1)} ms`);
row('popup composer ready (warm caches)', `${b.popup.readyMs.toFixed(0)} ms`);
row('  Close requests before it was ready', String(b.popup.closeRequests));
