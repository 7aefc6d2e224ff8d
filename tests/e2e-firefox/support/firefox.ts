import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** The add-on id the Firefox build declares (wxt.config.ts, browser_specific_settings.gecko.id). */
export const GECKO_ID = 'text-with-close@example.com';
/** Pinned before install (pref extensions.webextensions.uuids) so the moz-extension:// base URL is known. */
export const EXTENSION_UUID = '6f0f6a3e-7d5b-4b0e-9c53-0a1b2c3d4e5f';
export const EXTENSION_BASE = `moz-extension://${EXTENSION_UUID}/`;

/** Debian's Firefox ESR (apt-get install firefox-esr) or FIREFOX_PATH. Fails loudly: e2e tests never skip. */
export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No Firefox found (looked at ${candidates.join(', ')}). Install it with "apt-get install -y firefox-esr" (153+, from bookworm-security) or set FIREFOX_PATH.`,
    );
  }
  return found;
}

export interface FirefoxExtension {
  browser: Browser;
  /** Everything Firefox printed (stdout and stderr), line by line: the only place extension-page errors show. */
  output: string[];
  /** Lines of `output` that are errors raised by the extension's own code (background, pages, content script). */
  errors(): string[];
  /** Opens an extension page (`options.html`, `popup.html?...`) in a new tab and waits until it has loaded. */
  openPage(path: string): Promise<Page>;
  /** Opens a web page in a new tab. */
  openWebPage(url: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra Firefox prefs, e.g. a short `extensions.background.idle.timeout`. */
  prefs?: Record<string, unknown>;
}

const WAIT = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Lines that are the extension's own errors. Firefox prints uncaught exceptions as "JavaScript error: <url>, line
 * N: ..." (stderr) and, with devtools.console.stdout.content, console.error() calls as "console.error: ..."
 * (stdout). Firefox's own chrome code also logs errors; those name resource:// or chrome:// files and are not ours.
 */
export function extensionErrors(lines: string[]): string[] {
  return lines.filter(
    (l) => (/^JavaScript error: /.test(l) && l.includes(EXTENSION_BASE)) || /^console\.error: /.test(l),
  );
}

/**
 * Starts Firefox (headless, WebDriver BiDi through puppeteer-core, no geckodriver) and installs the built
 * extension as a temporary add-on. Optional permission prompts are turned off so a test can grant them as a
 * rep would by clicking.
 */
export async function launchFirefox(extensionPath: string, opts: LaunchOptions = {}): Promise<FirefoxExtension> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    // Without it BiDi refuses to navigate to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
      'devtools.console.stdout.content': true,
      ...opts.prefs,
    },
  });
  const output: string[] = [];
  const proc = browser.process();
  if (!proc) throw new Error('puppeteer did not expose the Firefox process, so its output cannot be read');
  for (const stream of [proc.stdout, proc.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      output.push(...lines);
    });
  }
  const installed = await browser.installExtension(extensionPath);
  if (installed !== GECKO_ID) throw new Error(`installed add-on is ${installed}, expected ${GECKO_ID}`);

  return {
    browser,
    output,
    errors: () => extensionErrors(output),
    async openPage(path) {
      const page = await browser.newPage();
      const url = `${EXTENSION_BASE}${path.replace(/^\//, '')}`;
      // page.goto to a moz-extension:// page may never report completion: navigate, then poll.
      page.goto(url).catch(() => {});
      const file = url.split(/[?#]/)[0] as string;
      for (let i = 0; i < 100; i++) {
        const state = await page
          .evaluate(() => [location.href, document.readyState] as const)
          .catch(() => ['', ''] as const);
        if (state[0].startsWith(file) && state[1] === 'complete') return page;
        await WAIT(100);
      }
      throw new Error(`Firefox did not open ${url}`);
    },
    async openWebPage(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    async close() {
      // FIREFOX_OUTPUT=1 prints what Firefox said, to investigate a failure.
      if (process.env.FIREFOX_OUTPUT) console.log(output.join('\n'));
      await browser.close();
    },
  };
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`, naming `what`). */
export async function waitFor<T>(what: string, fn: () => Promise<T> | T, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await WAIT(100);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
