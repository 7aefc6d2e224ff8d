import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Close's published OpenAPI 3.1 document, for checking the stand-in's answers and the client's request bodies.
 * Validation is Ajv's (draft 2020-12, the dialect of OpenAPI 3.1, with ajv-formats); `$ref`s are resolved by Ajv's
 * own schema registry, into which the whole document is added under an id. For reading a schema in a test
 * (`requestSchema(...).properties`), a dereferenced copy is made by @apidevtools/json-schema-ref-parser.
 *
 * Usage: `await loadSpec()` once (in `beforeAll`), then the synchronous helpers below.
 */

/** A JSON Schema as found in the spec (dereferenced: no `$ref` left, possibly cyclic). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  format?: string;
  [keyword: string]: unknown;
}

export interface ValidateOptions {
  /**
   * Report properties the schema does not list, even where it allows them. For request bodies: a client sending a
   * field Close does not know is a bug even if Close would silently ignore it.
   */
  closed?: boolean;
  /** Top-level properties accepted beyond the schema under `closed` (e.g. Close's prose-only `send_in`). */
  extraTopLevel?: string[];
  /** Skip `required`: for responses trimmed with `_fields`. */
  partial?: boolean;
}

/**
 * Close's published OpenAPI document (a copy lives outside the repository, in ../shared/reference). Override with
 * CLOSE_OPENAPI_PATH when the checkout is laid out differently.
 */
export const DEFAULT_SPEC_URL = new URL('../../../shared/reference/close-openapi.yml', import.meta.url);

interface MediaType {
  schema?: unknown;
}

interface Operation {
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}

export interface OpenApiSpec {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

interface LoadedSpec {
  raw: OpenApiSpec;
  dereferenced: OpenApiSpec;
  /** One Ajv per option variant (closed / partial), each holding its transformed copy of the document. */
  ajvs: Map<string, Ajv2020>;
  /** Dereferenced schema object → the JSON pointer it was read from. */
  pointers: WeakMap<object, string>;
}

const DOCUMENT_ID = 'https://close.stand-in/openapi.json';
const loaded = new Map<string, LoadedSpec>();
let current: LoadedSpec | null = null;

/** Parses the spec once per location (~700 kB of YAML) and makes it the one the helpers below use. */
export async function loadSpec(
  location: string | URL = process.env.CLOSE_OPENAPI_PATH || DEFAULT_SPEC_URL,
): Promise<OpenApiSpec> {
  const path = location instanceof URL ? fileURLToPath(location) : location;
  let spec = loaded.get(path);
  if (!spec) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read Close's OpenAPI spec at ${path}; set CLOSE_OPENAPI_PATH. (${String(error)})`);
    }
    const raw = parse(text, { maxAliasCount: -1 }) as OpenApiSpec;
    const dereferenced = (await $RefParser.dereference(structuredClone(raw), {
      dereference: { circular: true },
    })) as OpenApiSpec;
    spec = { raw, dereferenced, ajvs: new Map(), pointers: new WeakMap() };
    loaded.set(path, spec);
  }
  current = spec;
  return spec.raw;
}

function currentSpec(): LoadedSpec {
  if (!current) throw new Error('Call `await loadSpec()` (e.g. in beforeAll) before using the OpenAPI helpers.');
  return current;
}

/**
 * The spec's path template for `path`, which may be a template (`/activity/sms/{id}/`) or a concrete URL path,
 * with or without the leading slash, `/api/v1` prefix and trailing slash (`/api/v1/activity/sms/acti_1`, `me`).
 */
export function findPathTemplate(path: string, spec: OpenApiSpec = currentSpec().raw): string | null {
  const withoutQuery = path.split('?')[0] ?? '';
  const rooted = withoutQuery.startsWith('/') ? withoutQuery : `/${withoutQuery}`;
  const bare = rooted.replace(/^\/api\/v1(?=\/)/, '');
  const normalized = bare.endsWith('/') ? bare : `${bare}/`;
  if (spec.paths[normalized]) return normalized;
  const segments = normalized.split('/');
  const templates = Object.keys(spec.paths).filter((template) => {
    const parts = template.split('/');
    return parts.length === segments.length && parts.every((part, i) => part === segments[i] || /^\{.+\}$/.test(part));
  });
  // Prefer the most literal template: /phone_number/request/… over /phone_number/{id}/….
  templates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  return templates[0] ?? null;
}

/** The JSON schema of a response (dereferenced, for reading; `validate` checks against the original). */
export function responseSchema(method: string, path: string, status = 200): JsonSchema {
  return schemaAt(
    method,
    path,
    ['responses', String(status), 'content', 'application/json', 'schema'],
    `JSON ${status} response`,
  );
}

/** The JSON schema of a request body (dereferenced, for reading; `validate` checks against the original). */
export function requestSchema(method: string, path: string): JsonSchema {
  return schemaAt(method, path, ['requestBody', 'content', 'application/json', 'schema'], 'JSON request body');
}

function schemaAt(method: string, path: string, within: string[], what: string): JsonSchema {
  const spec = currentSpec();
  const template = findPathTemplate(path, spec.raw);
  const verb = method.toLowerCase();
  const segments = ['paths', template ?? '', verb, ...within];
  let node: unknown = spec.dereferenced;
  for (const segment of segments) node = isObject(node) ? node[segment] : undefined;
  if (!template || !isObject(node))
    throw new Error(`The Close spec has no ${what} for ${method.toUpperCase()} ${path}`);
  spec.pointers.set(node, `#/${segments.map(escapePointer).join('/')}`);
  return node as JsonSchema;
}

/**
 * Problems of `value` against `schema` (from `requestSchema` / `responseSchema`), one line each, e.g.
 * `$.contacts[0].phones[0]: missing required property "type"`. Empty when it conforms.
 */
export function validate(schema: JsonSchema, value: unknown, options: ValidateOptions = {}): string[] {
  const spec = currentSpec();
  const pointer = spec.pointers.get(schema);
  if (!pointer) throw new Error('validate() takes a schema returned by requestSchema() or responseSchema().');
  const check = validatorFor(spec, pointer, options);
  const body = options.extraTopLevel && isObject(value) ? omit(value, options.extraTopLevel) : value;
  if (check(body)) return [];
  return [...new Set((check.errors ?? []).flatMap((error) => describe(error)))];
}

function validatorFor(spec: LoadedSpec, pointer: string, options: ValidateOptions): ValidateFunction {
  const variant = `${options.closed ? 'closed' : 'open'}-${options.partial ? 'partial' : 'full'}`;
  let ajv = spec.ajvs.get(variant);
  if (!ajv) {
    // Unknown keywords of OpenAPI (example, discriminator, x-…) must not stop compilation: strict off.
    ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    addFormats(ajv);
    const document = transform(spec.raw, options);
    ajv.addSchema({ ...document, $id: DOCUMENT_ID } as object, DOCUMENT_ID);
    spec.ajvs.set(variant, ajv);
  }
  const id = `${DOCUMENT_ID}${pointer}`;
  const existing = ajv.getSchema(id);
  if (existing) return existing;
  return ajv.compile({ $ref: id });
}

/** A copy of the document with every schema closed (`unevaluatedProperties: false`) and/or without `required`. */
function transform(spec: OpenApiSpec, options: ValidateOptions): OpenApiSpec {
  const copy = structuredClone(spec);
  if (!options.closed && !options.partial) return copy;
  const visitSchema = (node: unknown): void => {
    if (!isObject(node)) return;
    if (options.partial) delete node.required;
    // Only objects that list their properties can be "closed"; a bare `type: object` means any object.
    if (options.closed && isObject(node.properties) && node.additionalProperties === undefined) {
      node.unevaluatedProperties = false;
    }
    for (const key of ['properties', 'patternProperties', '$defs']) {
      if (isObject(node[key])) for (const child of Object.values(node[key])) visitSchema(child);
    }
    for (const key of ['items', 'additionalProperties', 'not', 'contains', 'propertyNames']) visitSchema(node[key]);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      const parts = node[key];
      if (Array.isArray(parts)) for (const part of parts) visitSchema(part);
    }
  };
  for (const schema of Object.values(copy.components?.schemas ?? {})) visitSchema(schema);
  for (const operations of Object.values(copy.paths)) {
    for (const operation of Object.values(operations) as (Operation | null)[]) {
      for (const media of Object.values(operation?.requestBody?.content ?? {})) visitSchema(media.schema);
      for (const response of Object.values(operation?.responses ?? {})) {
        for (const media of Object.values(response.content ?? {})) visitSchema(media.schema);
      }
    }
  }
  return copy;
}

/** Ajv's error as one readable line, with the path written `$.a[0].b`. */
function describe(error: ErrorObject): string[] {
  const at = jsonPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return [`${at}: missing required property "${String(params.missingProperty)}"`];
    case 'unevaluatedProperties':
      return [`${at}.${String(params.unevaluatedProperty)}: property not in the schema`];
    case 'additionalProperties':
      return [`${at}.${String(params.additionalProperty)}: property not in the schema`];
    case 'enum':
      return [`${at}: ${JSON.stringify(error.data)} is not one of ${JSON.stringify(params.allowedValues)}`];
    case 'type':
      return [`${at}: expected ${String(params.type).split(',').join(' | ')}, got ${jsonType(error.data)}`];
    case 'format':
      return [`${at}: ${JSON.stringify(error.data)} is not a valid ${String(params.format)}`];
    case 'oneOf':
    case 'anyOf':
      // The branch errors above say what is wrong; "must match a schema" adds nothing.
      return [];
    default:
      return [`${at}: ${error.message ?? error.keyword}`];
  }
}

function jsonPath(instancePath: string): string {
  if (instancePath === '') return '$';
  return `$${instancePath
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')}`;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function omit(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
