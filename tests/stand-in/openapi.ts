import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { JsonSchema } from './json-schema';

export type { JsonSchema, ValidateOptions } from './json-schema';
export { validate } from './json-schema';

/**
 * Close's published OpenAPI document (a copy lives outside the repository, in ../shared/reference). Override with
 * CLOSE_OPENAPI_PATH when the checkout is laid out differently.
 */
export const DEFAULT_SPEC_URL = new URL('../../../shared/reference/close-openapi.yml', import.meta.url);

interface MediaType {
  schema?: JsonSchema;
}

interface Operation {
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}

export interface OpenApiSpec {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const cache = new Map<string, OpenApiSpec>();

/** Parses the spec once per location (it is ~700 kB of YAML, about a second to parse). */
export function loadSpec(location: string | URL = process.env.CLOSE_OPENAPI_PATH || DEFAULT_SPEC_URL): OpenApiSpec {
  const path = location instanceof URL ? fileURLToPath(location) : location;
  const cached = cache.get(path);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read Close's OpenAPI spec at ${path}; set CLOSE_OPENAPI_PATH. (${String(error)})`);
  }
  const spec = parse(text, { maxAliasCount: -1 }) as OpenApiSpec;
  cache.set(path, spec);
  return spec;
}

/**
 * The spec's path template for `path`, which may be a template (`/activity/sms/{id}/`) or a concrete URL path,
 * with or without the leading slash, `/api/v1` prefix and trailing slash (`/api/v1/activity/sms/acti_1`, `me`).
 */
export function findPathTemplate(path: string, spec: OpenApiSpec = loadSpec()): string | null {
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

function operation(method: string, path: string, spec: OpenApiSpec): Operation {
  const template = findPathTemplate(path, spec);
  const op = template ? spec.paths[template]?.[method.toLowerCase()] : undefined;
  if (!op) throw new Error(`The Close spec has no ${method.toUpperCase()} ${path}`);
  return op;
}

/** The JSON schema of a response, `$ref`s resolved. */
export function responseSchema(method: string, path: string, status = 200, spec: OpenApiSpec = loadSpec()): JsonSchema {
  const schema = operation(method, path, spec).responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The Close spec has no JSON ${status} response for ${method.toUpperCase()} ${path}`);
  return resolveRefs(schema, spec);
}

/** The JSON schema of a request body, `$ref`s resolved. */
export function requestSchema(method: string, path: string, spec: OpenApiSpec = loadSpec()): JsonSchema {
  const schema = operation(method, path, spec).requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The Close spec has no JSON request body for ${method.toUpperCase()} ${path}`);
  return resolveRefs(schema, spec);
}

const resolvedCache = new WeakMap<OpenApiSpec, Map<string, JsonSchema>>();

/** Replaces every `$ref` with its target. Recursive schemas become cyclic object graphs, which validate() handles. */
export function resolveRefs(schema: JsonSchema, spec: OpenApiSpec): JsonSchema {
  let memo = resolvedCache.get(spec);
  if (!memo) {
    memo = new Map();
    resolvedCache.set(spec, memo);
  }
  return resolveNode(schema, spec, memo);
}

function resolveNode(node: JsonSchema, spec: OpenApiSpec, memo: Map<string, JsonSchema>): JsonSchema {
  if (node.$ref) return resolveRef(node, spec, memo);
  const out: JsonSchema = { ...node };
  if (node.properties) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([name, child]) => [name, resolveNode(child, spec, memo)]),
    );
  }
  if (node.items) out.items = resolveNode(node.items, spec, memo);
  if (typeof node.additionalProperties === 'object') {
    out.additionalProperties = resolveNode(node.additionalProperties, spec, memo);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const parts = node[key];
    if (parts) out[key] = parts.map((part) => resolveNode(part, spec, memo));
  }
  return out;
}

function resolveRef(node: JsonSchema, spec: OpenApiSpec, memo: Map<string, JsonSchema>): JsonSchema {
  const { $ref: ref = '', ...siblings } = node;
  let target = memo.get(ref);
  if (!target) {
    // Register a placeholder first so a schema that refers to itself resolves to the same object.
    const placeholder: JsonSchema = {};
    memo.set(ref, placeholder);
    Object.assign(placeholder, resolveNode(pointer(spec, ref), spec, memo));
    target = placeholder;
  }
  const constraining = Object.keys(siblings).filter((key) => key !== 'description' && key !== 'title');
  return constraining.length === 0 ? target : { ...resolveNode(siblings, spec, memo), allOf: [target] };
}

function pointer(spec: OpenApiSpec, ref: string): JsonSchema {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (typeof node !== 'object' || node === null) throw new Error(`Unresolvable $ref ${ref}`);
  return node as JsonSchema;
}
