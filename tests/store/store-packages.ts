/**
 * `npm run test:store`: the store packages as they would be uploaded.
 *  1. `npm run zip` and `npm run zip:firefox` packages pass `web-ext lint` with 0 errors.
 *  2. The AMO sources zip builds reproducibly: unzipped into an empty folder, `npm ci` and the Firefox build
 *     there give exactly the files of the Firefox package.
 * Needs `unzip` (apt-get install -y unzip).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, '.output');
const failures: string[] = [];

function run(cmd: string, args: string[], cwd = ROOT): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
}

function unzip(zip: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'close-sms-store-'));
  try {
    execFileSync('unzip', ['-q', zip, '-d', dir]);
  } catch (e) {
    throw new Error(`could not unzip ${zip} (is "unzip" installed? apt-get install -y unzip): ${String(e)}`);
  }
  return dir;
}

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const zips = () => readdirSync(OUT).filter((f) => f.endsWith('.zip'));
const newest = (suffix: string) => {
  const found = zips()
    .filter((f) => f.endsWith(suffix))
    .sort((a, b) => statSync(join(OUT, b)).mtimeMs - statSync(join(OUT, a)).mtimeMs)[0];
  if (!found) throw new Error(`no .output/*${suffix} after zipping (found: ${zips().join(', ') || 'none'})`);
  return join(OUT, found);
};

function lint(zip: string): void {
  const dir = unzip(zip);
  try {
    let report: string;
    try {
      report = run('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-input']);
    } catch (e) {
      report = String((e as { stdout?: string }).stdout ?? '');
    }
    const parsed = JSON.parse(report.slice(report.indexOf('{'))) as {
      errors: { code: string; message: string; file?: string }[];
      warnings: { code: string; message: string; file?: string }[];
    };
    const name = relative(ROOT, zip);
    console.log(`${name}: ${parsed.errors.length} errors, ${parsed.warnings.length} warnings`);
    for (const w of parsed.warnings) console.log(`  warning ${w.code}: ${w.message} (${w.file ?? ''})`);
    for (const e of parsed.errors) failures.push(`${name}: ${e.code}: ${e.message} (${e.file ?? ''})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkSourcesRebuild(sourcesZip: string, firefoxZip: string): void {
  const src = unzip(sourcesZip);
  const shipped = unzip(firefoxZip);
  try {
    console.log(`rebuilding ${relative(ROOT, sourcesZip)} in ${src}…`);
    const env = { ...process.env };
    delete env.WXT_CLOSE_API_URL;
    delete env.WXT_DEMO_API_KEY;
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: src, stdio: 'ignore', env });
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { cwd: src, stdio: 'ignore', env });
    const rebuilt = hashes(join(src, '.output/firefox-mv3'));
    const zipped = hashes(shipped);
    const names = new Set([...rebuilt.keys(), ...zipped.keys()]);
    const differ = [...names].filter((n) => rebuilt.get(n) !== zipped.get(n));
    console.log(`sources rebuild: ${names.size} files compared, ${differ.length} differ`);
    for (const n of differ) {
      failures.push(
        `rebuilt from sources, ${n} ${!rebuilt.has(n) ? 'is missing' : !zipped.has(n) ? 'is extra' : 'differs'}`,
      );
    }
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(shipped, { recursive: true, force: true });
  }
}

// Store packages are built for real Close: no stand-in URL, no demo key.
const env = { ...process.env };
delete env.WXT_CLOSE_API_URL;
delete env.WXT_DEMO_API_KEY;
execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: 'ignore', env });
execFileSync('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: 'ignore', env });
const chromeZip = newest('-chrome.zip');
const firefoxZip = newest('-firefox.zip');
const sourcesZip = newest('-sources.zip');
lint(chromeZip);
lint(firefoxZip);
checkSourcesRebuild(sourcesZip, firefoxZip);
if (failures.length) {
  console.error(`store packages: ${failures.length} problem(s):\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('store packages: lint clean, sources rebuild identical');
