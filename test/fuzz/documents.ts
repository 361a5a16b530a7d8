import { astFromValue, type GraphQLArgument, type GraphQLField, getNamedType, isLeafType, isObjectType, print } from 'graphql';
import type { Json } from './arbitraries';

/** One call of a root field, ready to send: the document and its variables. */
export interface FuzzRequest {
  query: string;
  variables: Record<string, Json>;
}

/** How each argument travels: as a variable, or written into the document as a literal. */
export type Placement = 'variable' | 'literal';

/**
 * `mutation($a: T …) { field(a: $a …) { __typename <leaf fields> } }`: the selection asks for every
 * leaf field of the result that needs no argument, so the resolvers of what was stored run too.
 */
export function fuzzRequest(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  values: Record<string, Json>,
  placement: (name: string) => Placement,
): FuzzRequest {
  const declarations: string[] = [];
  const passed: string[] = [];
  const variables: Record<string, Json> = {};
  for (const argument of field.args) {
    if (!(argument.name in values)) continue;
    const value = values[argument.name];
    const literal = placement(argument.name) === 'literal' ? literalOf(argument, value) : null;
    if (literal !== null) {
      passed.push(`${argument.name}: ${literal}`);
      continue;
    }
    declarations.push(`$${argument.name}: ${String(argument.type)}`);
    passed.push(`${argument.name}: $${argument.name}`);
    variables[argument.name] = value;
  }
  const header = declarations.length ? `${kind} Fuzz(${declarations.join(', ')})` : `${kind} Fuzz`;
  const call = passed.length ? `${field.name}(${passed.join(', ')})` : field.name;
  return { query: `${header} { ${call}${selectionOf(field)} }`, variables };
}

/** The value as a GraphQL literal, or null when it has none (e.g. an Int beyond 32 bits): sent as a variable then. */
function literalOf(argument: GraphQLArgument, value: Json): string | null {
  try {
    const ast = astFromValue(value === undefined ? null : value, argument.type);
    return ast ? print(ast) : null;
  } catch {
    return null;
  }
}

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return ' { __typename }';
  const leaves = Object.values(type.getFields())
    .filter((inner) => isLeafType(getNamedType(inner.type)) && inner.args.every((argument) => !isRequired(argument)))
    .map((inner) => inner.name);
  return ` { __typename ${leaves.join(' ')} }`;
}

const isRequired = (argument: GraphQLArgument) => String(argument.type).endsWith('!') && argument.defaultValue === undefined;
