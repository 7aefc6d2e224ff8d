import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOSE_API_URL, resolveApiTarget } from './api-url';

describe('resolveApiTarget', () => {
  it.each([
    [undefined, 'https://api.close.com/api/v1/', 'https://api.close.com/*'],
    ['', DEFAULT_CLOSE_API_URL, 'https://api.close.com/*'],
    ['https://api.close.com/api/v1', 'https://api.close.com/api/v1/', 'https://api.close.com/*'],
    ['http://127.0.0.1:4010/api/v1/', 'http://127.0.0.1:4010/api/v1/', 'http://127.0.0.1/*'],
    ['http://localhost:9/api/v1', 'http://localhost:9/api/v1/', 'http://localhost/*'],
  ])('%s → %s', (raw, baseUrl, hostPermission) => {
    expect(resolveApiTarget(raw, { allowLocal: true })).toEqual({
      baseUrl,
      hostPermission,
      local: !baseUrl.startsWith('https://api.close.com'),
    });
  });

  it.each([
    'not a url',
    'ftp://api.close.com/',
    'http://api.close.com/api/v1/',
    'https://api.close.com/api/v1/?x=1',
    'https://user:pw@api.close.com/',
    'https://evil.example.com/api/v1/',
    'https://api.close.com.evil.example/api/v1/',
    'https://api.close.com:8443/api/v1/',
  ])('refuses %s naming the variable', (raw) => {
    expect(() => resolveApiTarget(raw, { allowLocal: true })).toThrow(/WXT_CLOSE_API_URL/);
  });

  it.each(['http://127.0.0.1:4010/api/v1/', 'http://localhost:9/api/v1', 'https://[::1]:9/api/v1/'])(
    'refuses the stand-in %s without the test/demo flag',
    (raw) => {
      expect(() => resolveApiTarget(raw)).toThrow(/WXT_ALLOW_LOCAL_API=1/);
    },
  );
});
