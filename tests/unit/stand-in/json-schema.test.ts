// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { type JsonSchema, validate } from '../../stand-in/json-schema';
import { type OpenApiSpec, resolveRefs } from '../../stand-in/openapi';

describe('validate', () => {
  it.each<[string, JsonSchema, unknown, string[]]>([
    ['a matching type', { type: 'string' }, 'x', []],
    ['an integer as number', { type: 'number' }, 3, []],
    ['a float as integer', { type: 'integer' }, 1.5, ['$: expected integer, got number']],
    ['a 3.1 type array with null', { type: ['string', 'null'] }, null, []],
    ['a 3.1 type array mismatch', { type: ['string', 'null'] }, 1, ['$: expected string | null, got integer']],
    ['3.0 nullable', { type: 'string', nullable: true }, null, []],
    ['an enum miss', { enum: ['a', 'b'] }, 'c', ['$: "c" is not one of ["a","b"]']],
    ['a const miss', { const: 'SMS' }, 'Email', ['$: expected "SMS"']],
    ['a date-time with offset', { type: 'string', format: 'date-time' }, '2026-05-04T17:00:01.123000+00:00', []],
    ['a date-time with Z', { type: 'string', format: 'date-time' }, '2026-05-04T17:00:01Z', []],
    [
      'a date-time without offset',
      { type: 'string', format: 'date-time' },
      '2026-05-04T17:00:01',
      ['$: "2026-05-04T17:00:01" is not a valid date-time'],
    ],
    ['a date', { type: 'string', format: 'date' }, '2026-05-04', []],
    ['an unknown format', { type: 'string', format: 'double' }, 'x', []],
    ['maxItems', { type: 'array', maxItems: 1 }, [1, 2], ['$: more than 1 items']],
    ['maxLength', { type: 'string', maxLength: 2 }, 'abc', ['$: longer than 2']],
    ['an untyped schema ("Any type")', { description: 'Any type' }, { anything: [1] }, []],
  ])('%s', (_name, schema, value, errors) => {
    expect(validate(schema, value)).toEqual(errors);
  });

  const object: JsonSchema = {
    type: 'object',
    properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
    required: ['id'],
  };

  it('checks required properties and nested items with paths', () => {
    expect(validate(object, { tags: ['a', 2] })).toEqual([
      '$: missing required property "id"',
      '$.tags[1]: expected string, got integer',
    ]);
  });

  it('skips required with partial', () => {
    expect(validate(object, { tags: [] }, { partial: true })).toEqual([]);
  });

  it('allows unknown properties unless closed, and then only the named extras at the top level', () => {
    expect(validate(object, { id: 'x', extra: 1 })).toEqual([]);
    expect(validate(object, { id: 'x', extra: 1 }, { closed: true })).toEqual(['$.extra: property not in the schema']);
    expect(validate(object, { id: 'x', extra: 1 }, { closed: true, extraTopLevel: ['extra'] })).toEqual([]);
  });

  it('applies additionalProperties false and schemas', () => {
    expect(validate({ ...object, additionalProperties: false }, { id: 'x', y: 1 })).toEqual([
      '$.y: property not in the schema',
    ]);
    expect(validate({ type: 'object', additionalProperties: { type: 'integer' } }, { a: 1, b: 'x' })).toEqual([
      '$.b: expected integer, got string',
    ]);
  });

  it('needs exactly one oneOf match, at least one anyOf match and every allOf match', () => {
    const nullableRef: JsonSchema = { oneOf: [{ type: 'object' }, { type: 'null' }] };
    expect(validate(nullableRef, null)).toEqual([]);
    expect(validate(nullableRef, 'x')[0]).toMatch(/matches 0 of oneOf/);
    expect(validate({ oneOf: [{ type: 'string' }, { type: 'string' }] }, 'x')[0]).toMatch(/matches 2 of oneOf/);
    expect(validate({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, 3)).toEqual([]);
    expect(validate({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, true)[0]).toMatch(/none of anyOf/);
    expect(validate({ allOf: [{ type: 'string' }, { maxLength: 1 }] }, 'ab')).toEqual(['$: longer than 1']);
  });

  it('tells date-time from date in a oneOf (as in Close’s date filters)', () => {
    const filter: JsonSchema = {
      oneOf: [
        { type: 'string', format: 'date-time' },
        { type: 'string', format: 'date' },
      ],
    };
    expect(validate(filter, '2026-05-04')).toEqual([]);
    expect(validate(filter, '2026-05-04T10:00:00+02:00')).toEqual([]);
  });
});

describe('resolveRefs', () => {
  const spec: OpenApiSpec = {
    paths: {},
    components: {
      schemas: {
        Node: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
          },
          required: ['name'],
        },
        Wrapper: {
          type: 'object',
          properties: { node: { $ref: '#/components/schemas/Node', description: 'doc only' } },
        },
      },
    },
  };

  it('resolves recursive schemas into a cyclic graph that validates', () => {
    const schema = resolveRefs({ $ref: '#/components/schemas/Node' }, spec);
    expect(validate(schema, { name: 'a', children: [{ name: 'b', children: [] }] })).toEqual([]);
    expect(validate(schema, { name: 'a', children: [{ children: [] }] })).toEqual([
      '$.children[0]: missing required property "name"',
    ]);
  });

  it('ignores description beside a $ref', () => {
    const schema = resolveRefs({ $ref: '#/components/schemas/Wrapper' }, spec);
    expect(validate(schema, { node: { name: 1 } })).toEqual(['$.node.name: expected string, got integer']);
  });

  it('refuses unknown and remote refs', () => {
    expect(() => resolveRefs({ $ref: '#/components/schemas/Missing' }, spec)).toThrow(/Unresolvable/);
    expect(() => resolveRefs({ $ref: 'other.yml#/x' }, spec)).toThrow(/local/);
  });
});
