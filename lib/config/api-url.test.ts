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
    expect(resolveApiTarget(raw)).toEqual({
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
  ])('refuses %s naming the variable', (raw) => {
    expect(() => resolveApiTarget(raw)).toThrow(/WXT_CLOSE_API_URL/);
  });
});
