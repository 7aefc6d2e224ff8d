import type { StandIn } from '../../stand-in/server';

/** Close's error bodies: validation errors or a plain message. */
export interface ErrorBody {
  error?: unknown;
  errors?: unknown[];
  'field-errors'?: Record<string, string>;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export function basicAuth(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

export interface CallOptions {
  body?: unknown;
  /** A raw body sent as is (for malformed JSON). */
  rawBody?: string;
  authorization?: string | null;
  headers?: Record<string, string>;
}

/**
 * One real HTTP request to the stand-in. The body is typed by the caller (a test-side cast: the point of these
 * tests is to look at what came back).
 */
export async function call<T = ErrorBody>(
  stand: StandIn,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const authorization = options.authorization === undefined ? basicAuth(stand.apiKey) : options.authorization;
  if (authorization !== null) headers.Authorization = authorization;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  // 'me/' is relative to the API base; '/anything' is relative to the server root.
  const url = path.startsWith('/') ? new URL(path, stand.url) : new URL(path, stand.baseUrl);
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  const parsed: unknown = isJson && text ? JSON.parse(text) : text || undefined;
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString().replace('Z', '+00:00');
}

/** The contact-by-phone `/data/search/` body from close-api.md §2.4, with optional `_fields`. */
export function contactPhoneSearch(phone: string, fields?: string[]): unknown {
  return {
    query: {
      type: 'and',
      queries: [
        { type: 'object_type', object_type: 'contact' },
        {
          type: 'has_related',
          this_object_type: 'contact',
          related_object_type: 'contact_phone',
          related_query: {
            type: 'field_condition',
            field: { type: 'regular_field', object_type: 'contact_phone', field_name: 'phone' },
            condition: { type: 'text', mode: 'exact_value', value: phone },
          },
        },
      ],
    },
    ...(fields ? { _fields: { contact: fields } } : {}),
  };
}
