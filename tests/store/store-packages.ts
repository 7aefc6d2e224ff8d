/**
 * `npm run test:store`: the store packages as they would be uploaded.
 *  1. `npm run zip` and `npm run zip:firefox` packages pass `web-ext lint` with 0 errors (for the Chrome
 *     package: 0 besides two Firefox-only rules, plus Chrome's manifest rules).
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

/**
 * addons-linter judges a package as Firefox would load it. For the Chrome package two of its errors are about
 * Firefox only (Chrome needs no add-on id, and runs a service worker without a background.scripts fallback):
 * they are listed here by code, and Chrome's own manifest rules are checked by `chromeManifestRules` instead.
 */
const FIREFOX_ONLY = new Set(['ADDON_ID_REQUIRED', 'BACKGROUND_SERVICE_WORKER_NOFALLBACK']);

/** Chrome Web Store manifest rules the package must follow (developer.chrome.com/docs/extensions/reference/manifest). */
function chromeManifestRules(dir: string): string[] {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const exists = (p: string | undefined) => !!p && statSync(join(dir, p), { throwIfNoEntry: false })?.isFile();
  const problems: string[] = [];
  if (m.manifest_version !== 3) problems.push(`manifest_version is ${m.manifest_version}, the store needs 3`);
  if (typeof m.name !== 'string' || m.name.length > 75) problems.push('name is missing or over 75 characters');
  if (typeof m.description !== 'string' || m.description.length > 132)
    problems.push('description is missing or over 132 characters');
  if (!/^\d+(\.\d+){0,3}$/.test(m.version ?? ''))
    problems.push(`version "${m.version}" is not 1–4 dot-separated integers`);
  if (!exists(m.icons?.['128'])) problems.push('no 128×128 icon');
  if (!exists(m.background?.service_worker)) problems.push('background.service_worker names no file in the package');
  if (!exists(m.action?.default_popup)) problems.push('action.default_popup names no file in the package');
  if (m.browser_specific_settings) problems.push('browser_specific_settings is Firefox-only and Chrome warns on it');
  if (m.content_security_policy?.extension_pages?.includes('unsafe-eval')) problems.push('CSP allows unsafe-eval');
  return problems;
}

function lint(zip: string, browser: 'chrome' | 'firefox'): void {
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
    for (const e of parsed.errors) {
      if (browser === 'chrome' && FIREFOX_ONLY.has(e.code)) console.log(`  (Firefox-only, not for Chrome) ${e.code}`);
      else failures.push(`${name}: ${e.code}: ${e.message} (${e.file ?? ''})`);
    }
    if (browser === 'chrome') for (const p of chromeManifestRules(dir)) failures.push(`${name}: ${p}`);
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
    delete env.WXT_ALLOW_LOCAL_API;
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
delete env.WXT_ALLOW_LOCAL_API;
execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: 'ignore', env });
execFileSync('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: 'ignore', env });
const chromeZip = newest('-chrome.zip');
const firefoxZip = newest('-firefox.zip');
const sourcesZip = newest('-sources.zip');
lint(chromeZip, 'chrome');
lint(firefoxZip, 'firefox');
checkSourcesRebuild(sourcesZip, firefoxZip);
if (failures.length) {
  console.error(`store packages: ${failures.length} problem(s):\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('store packages: lint clean, sources rebuild identical');
