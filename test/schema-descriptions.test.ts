import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';

/**
 * Every type, field, argument, enum value and input field of schema.graphql is described, so the
 * schema documents itself (GraphiQL's docs, introspection, codegen comments). Lists what is missing.
 */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (what: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(what);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    // Built-in scalars (String, Int, ...) are described by the GraphQL specification.
    if (['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    check(`type ${type.name}`, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`field ${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`argument ${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`input field ${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`enum value ${type.name}.${value.name}`, value.description);
    } else if (isUnionType(type)) {
      // A union's members are types, checked on their own.
    }
  }
  for (const directive of schema.getDirectives()) {
    if (['include', 'skip', 'deprecated', 'specifiedBy', 'oneOf'].includes(directive.name)) continue;
    check(`directive @${directive.name}`, directive.description);
    for (const arg of directive.args) check(`argument @${directive.name}(${arg.name})`, arg.description);
  }
  return missing;
}

describe('schema.graphql descriptions', () => {
  it('describes every type, field, argument, enum value and input field', () => {
    const schema = buildSchema(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
    expect(undescribed(schema)).toEqual([]);
  });

  it('notices a missing description (the check itself works)', () => {
    const schema = buildSchema(`
      "Root." type Query { "Described." a(x: Int): Int  b: Mood }
      "Moods." enum Mood { "Happy." HAPPY SAD }
      "Input." input In { "Described." a: Int  b: Int }
      type Mutation { "Described." m(input: In): Int }
    `);
    expect(undescribed(schema)).toEqual([
      'argument Query.a(x)',
      'field Query.b',
      'enum value Mood.SAD',
      'input field In.b',
      'type Mutation',
      'argument Mutation.m(input)',
    ]);
  });
});
