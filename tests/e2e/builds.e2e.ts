// The production builds themselves: permissions pinned, bundle contents and sizes, and config errors.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const env = { ...process.env, WXT_CLOSE_API_URL: '', WXT_DEMO_API_KEY: '', WXT_ALLOW_LOCAL_API: '' };

function build(args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync('npx', ['wxt', 'build', ...args], { cwd: ROOT, env: { ...env, ...extraEnv }, encoding: 'utf8' });
}
const manifestOf = (dir: string) => JSON.parse(readFileSync(resolve(ROOT, '.output', dir, 'manifest.json'), 'utf8'));

describe('production builds', () => {
  beforeAll(() => {
    expect(build([]).status).toBe(0);
    expect(build(['-b', 'firefox', '--mv3']).status).toBe(0);
  });

  it('Chrome: MV3 service worker; the Close API is the only required host, <all_urls> only optional', () => {
    const m = manifestOf('chrome-mv3');
    expect(m.manifest_version).toBe(3);
    expect(m.minimum_chrome_version).toBe('144');
    expect(m.externally_connectable).toBeUndefined();
    expect(m.web_accessible_resources).toBeUndefined();
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m.host_permissions).toEqual(['https://api.close.com/*']);
    expect(m.optional_host_permissions).toEqual(['<all_urls>']);
    expect([...m.permissions].sort()).toEqual([
      'activeTab',
      'alarms',
      'contextMenus',
      'notifications',
      'scripting',
      'storage',
    ]);
    expect(m.content_scripts ?? []).toEqual([]);
    expect(m.commands._execute_action.suggested_key.default).toBe('Alt+Shift+T');
  });

  it('Firefox: the same permissions, with a gecko id and data-collection declaration', () => {
    const m = manifestOf('firefox-mv3');
    expect(m.host_permissions).toEqual(['https://api.close.com/*']);
    expect(m.optional_host_permissions).toEqual(['<all_urls>']);
    expect(m.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(m.browser_specific_settings.gecko.data_collection_permissions).toBeDefined();
  });

  it('keeps zod and Preact out of the content script, and keeps it small', () => {
    const content = readFileSync(resolve(ROOT, '.output/chrome-mv3/prefilter.js'), 'utf8');
    expect(content).not.toMatch(/ZodError|\$ZodType/);
    expect(content).not.toContain('dangerouslySetInnerHTML');
    // libphonenumber-js with full metadata is most of it; a stray UI or zod import would push it far past this.
    expect(gzipSync(content).length).toBeLessThan(75_000);
  });

  it('never ships eval or Function() in the content script or the background', () => {
    for (const file of ['prefilter.js', 'content-scripts/detector.js', 'background.js']) {
      const code = readFileSync(resolve(ROOT, '.output/chrome-mv3', file), 'utf8');
      expect(code).not.toMatch(/\beval\(|new Function\(/);
    }
  });
});

describe('build configuration errors', () => {
  it.each([
    ['not a url', /WXT_CLOSE_API_URL is not a valid URL/],
    ['http://api.close.com/api/v1/', /WXT_CLOSE_API_URL must use https/],
    ['https://close.evil.example/api/v1/', /WXT_CLOSE_API_URL must be on https:\/\/api.close.com/],
    ['http://127.0.0.1:4010/api/v1/', /set WXT_ALLOW_LOCAL_API=1/],
  ])('a malformed WXT_CLOSE_API_URL (%s) fails the build naming the variable', (value, message) => {
    const r = build(['--mode', 'bad-config'], { WXT_CLOSE_API_URL: value });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(message);
  });

  it('refuses a demo key in a build pointed at real Close', () => {
    const r = build(['--mode', 'bad-config'], { WXT_DEMO_API_KEY: 'x' });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/WXT_DEMO_API_KEY is only for builds pointed at a local Close stand-in/);
  });
});
