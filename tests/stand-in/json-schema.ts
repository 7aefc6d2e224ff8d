/**
 * A small validator for the JSON Schema subset Close's OpenAPI document uses (no new dependency): type (including
 * OpenAPI 3.1 type arrays), properties, required, items, enum/const, nullable (3.0), anyOf/oneOf/allOf,
 * additionalProperties, a few formats and length/size bounds. Schemas are expected with `$ref`s already resolved
 * (see openapi.ts).
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  format?: string;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
  title?: string;
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

/** Every problem found, as `$.path: message`; empty when `value` conforms. */
export function validate(schema: JsonSchema, value: unknown, options: ValidateOptions = {}): string[] {
  return check(schema, value, '$', options);
}

function check(schema: JsonSchema, value: unknown, path: string, options: ValidateOptions): string[] {
  if (schema.$ref) return [`${path}: unresolved $ref ${schema.$ref}`];
  if (schema.nullable && value === null) return [];
  const typeErrors = checkType(schema, value, path);
  if (typeErrors.length > 0) return typeErrors;
  return [
    ...checkEnum(schema, value, path),
    ...checkFormat(schema, value, path),
    ...checkBounds(schema, value, path),
    ...checkObject(schema, value, path, options),
    ...checkArray(schema, value, path, options),
    ...checkCombinators(schema, value, path, options),
  ];
}

export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function checkType(schema: JsonSchema, value: unknown, path: string): string[] {
  if (schema.type === undefined) return [];
  const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
  const actual = typeOf(value);
  const ok = allowed.some((type) => type === actual || (type === 'number' && actual === 'integer'));
  return ok ? [] : [`${path}: expected ${allowed.join(' | ')}, got ${actual}`];
}

function checkEnum(schema: JsonSchema, value: unknown, path: string): string[] {
  const errors: string[] = [];
  if (schema.enum && !schema.enum.some((item) => item === value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if ('const' in schema && schema.const !== value) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  return errors;
}

/** RFC 3339 (what OpenAPI's date-time means): the offset is mandatory. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkFormat(schema: JsonSchema, value: unknown, path: string): string[] {
  if (typeof value !== 'string' || !schema.format) return [];
  const valid = formatValid(schema.format, value);
  return valid ? [] : [`${path}: ${JSON.stringify(value)} is not a valid ${schema.format}`];
}

function formatValid(format: string, value: string): boolean {
  switch (format) {
    case 'date-time':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
    case 'date':
      return DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'email':
      return /^[^@\s]+@[^@\s]+$/.test(value);
    case 'uri':
      return URL.canParse(value);
    default:
      return true;
  }
}

function checkBounds(schema: JsonSchema, value: unknown, path: string): string[] {
  const errors: string[] = [];
  const bound = (failed: boolean, message: string) => failed && errors.push(`${path}: ${message}`);
  if (typeof value === 'string') {
    bound(schema.minLength !== undefined && value.length < schema.minLength, `shorter than ${schema.minLength}`);
    bound(schema.maxLength !== undefined && value.length > schema.maxLength, `longer than ${schema.maxLength}`);
  }
  if (typeof value === 'number') {
    bound(schema.minimum !== undefined && value < schema.minimum, `less than ${schema.minimum}`);
    bound(schema.maximum !== undefined && value > schema.maximum, `greater than ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    bound(schema.minItems !== undefined && value.length < schema.minItems, `fewer than ${schema.minItems} items`);
    bound(schema.maxItems !== undefined && value.length > schema.maxItems, `more than ${schema.maxItems} items`);
  }
  return errors;
}

function checkObject(schema: JsonSchema, value: unknown, path: string, options: ValidateOptions): string[] {
  if (typeOf(value) !== 'object') return [];
  const object = value as Record<string, unknown>;
  const errors: string[] = [];
  if (!options.partial) {
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(object, name)) errors.push(`${path}: missing required property "${name}"`);
    }
  }
  const nested = { ...options, extraTopLevel: [] };
  for (const [name, item] of Object.entries(object)) {
    const propertySchema = schema.properties?.[name];
    const itemPath = `${path}.${name}`;
    if (propertySchema) errors.push(...check(propertySchema, item, itemPath, nested));
    else errors.push(...checkAdditional(schema, name, item, itemPath, path, options));
  }
  return errors;
}

function checkAdditional(
  schema: JsonSchema,
  name: string,
  item: unknown,
  itemPath: string,
  path: string,
  options: ValidateOptions,
): string[] {
  const extra = schema.additionalProperties;
  if (typeof extra === 'object') return check(extra, item, itemPath, { ...options, extraTopLevel: [] });
  // Only objects that list their properties can be "closed"; a bare `type: object` means any object.
  const listsProperties = schema.properties !== undefined && Object.keys(schema.properties).length > 0;
  const allowedExtra = path === '$' && (options.extraTopLevel ?? []).includes(name);
  if (extra === false || (options.closed && listsProperties && !allowedExtra)) {
    return [`${itemPath}: property not in the schema`];
  }
  return [];
}

function checkArray(schema: JsonSchema, value: unknown, path: string, options: ValidateOptions): string[] {
  if (!Array.isArray(value) || !schema.items) return [];
  const items = schema.items;
  return value.flatMap((item, index) => check(items, item, `${path}[${index}]`, { ...options, extraTopLevel: [] }));
}

function checkCombinators(schema: JsonSchema, value: unknown, path: string, options: ValidateOptions): string[] {
  const errors: string[] = [];
  for (const part of schema.allOf ?? []) errors.push(...check(part, value, path, options));
  if (schema.anyOf) {
    const results = schema.anyOf.map((part) => check(part, value, path, options));
    if (!results.some((result) => result.length === 0)) {
      errors.push(`${path}: matches none of anyOf (${summarize(results)})`);
    }
  }
  if (schema.oneOf) {
    const results = schema.oneOf.map((part) => check(part, value, path, options));
    const matching = results.filter((result) => result.length === 0).length;
    if (matching !== 1) {
      errors.push(`${path}: matches ${matching} of oneOf, expected exactly 1 (${summarize(results)})`);
    }
  }
  return errors;
}

function summarize(results: string[][]): string {
  return results.map((result, index) => `#${index}: ${result[0] ?? 'ok'}`).join('; ');
}
