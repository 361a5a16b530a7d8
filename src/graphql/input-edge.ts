import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  type ValueNode,
  type VariableDefinitionNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { AppError, badInput, httpStatus, isUuid } from '../errors';
import type { GraphQLContext } from './context';

/**
 * The one place where every argument of an operation is checked before anything runs, literals and
 * variables alike, inside input objects and lists, so no service has to (and none can forget):
 *
 * - text (String, ID and the string scalars) must be storable: no NUL character (PostgreSQL's text
 *   cannot hold one) and well-formed UTF-16 (a lone surrogate becomes U+FFFD in a text column and is
 *   refused inside jsonb, the audit log's before/after): BAD_USER_INPUT;
 * - Date and DateTime variables are parsed here too, so their refusals name the argument;
 * - ids are UUIDs: anything else cannot name an object and is NOT_FOUND, without reaching SQL.
 *
 * `field` names the argument, or the input field for a value inside an input object (`simId`, `tags`),
 * as the services do (docs/api.md, Errors). The whole operation is refused (a document-level refusal,
 * src/errors.ts): BAD_USER_INPUT answers 400, NOT_FOUND 200, both without `data`.
 */
export function inputEdge(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refusal = findRefusal(schema, document, operation, request.variables ?? {});
          if (refusal) {
            throw new GraphQLError(refusal.message, {
              originalError: refusal,
              extensions: { code: refusal.code, http: { status: httpStatus(refusal.code, 'document') } },
            });
          }
        },
      };
    },
  };
}

/*
 * Reads whose contract answers null for an id they cannot find (docs/api.md, Errors): a malformed id is
 * one they cannot find, so it is left to them (their services check isUuid before any SQL).
 */
const NULL_FOR_UNKNOWN_ID = new Set(['Query.workspace', 'Query.organization']);

type Variables = Readonly<Record<string, unknown>>;

/** The first argument value of the operation (or of a fragment it spreads) that the edge refuses. */
export function findRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): AppError | null {
  const walker = new ValueWalker(operation.variableDefinitions ?? [], variables);
  const typeInfo = new TypeInfo(schema);
  let refusal: AppError | null = null;
  const check = (root: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const argument = typeInfo.getArgument();
          if (refusal || !argument) return false;
          const owner = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          const ids = !(owner && field && NULL_FOR_UNKNOWN_ID.has(`${owner.name}.${field.name}`));
          refusal = walker.literal(node.value, argument.type, argument.name, ids);
          return false;
        },
      }),
    );
  for (const root of [operation, ...spreadFragments(document, operation)]) {
    check(root);
    if (refusal) return refusal;
  }
  return null;
}

/** Walks one argument's value with its type: a literal, or a variable's JSON value where one is used. */
class ValueWalker {
  private readonly definitions: Map<string, VariableDefinitionNode>;

  constructor(
    definitions: readonly VariableDefinitionNode[],
    private readonly variables: Variables,
  ) {
    this.definitions = new Map(definitions.map((definition) => [definition.variable.name.value, definition]));
  }

  literal(node: ValueNode, type: GraphQLInputType, field: string, ids: boolean): AppError | null {
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (Object.hasOwn(this.variables, name)) return this.json(this.variables[name], type, field, ids);
      const fallback = this.definitions.get(name)?.defaultValue;
      return fallback ? this.literal(fallback, type, field, ids) : null;
    }
    if (isNonNullType(type)) return this.literal(node, type.ofType, field, ids);
    if (isListType(type)) {
      const items = node.kind === Kind.LIST ? node.values : [node];
      return firstOf(items, (item) => this.literal(item, type.ofType, field, ids));
    }
    if (isInputObjectType(type)) {
      if (node.kind !== Kind.OBJECT) return null;
      const fields = type.getFields();
      return firstOf(node.fields, (entry) => {
        const inner = Object.hasOwn(fields, entry.name.value) ? fields[entry.name.value] : undefined;
        return inner ? this.literal(entry.value, inner.type, inner.name, ids) : null;
      });
    }
    // An Int literal is a valid ID (graphql-js reads it as a string), and never a UUID.
    if (node.kind === Kind.STRING || node.kind === Kind.INT) return leaf(node.value, node.value, type, field, ids, false);
    return null;
  }

  json(value: unknown, type: GraphQLInputType, field: string, ids: boolean): AppError | null {
    if (value === null || value === undefined) return null;
    if (isNonNullType(type)) return this.json(value, type.ofType, field, ids);
    if (isListType(type)) {
      const items = Array.isArray(value) ? value : [value];
      return firstOf(items, (item) => this.json(item, type.ofType, field, ids));
    }
    if (isInputObjectType(type)) {
      if (typeof value !== 'object' || Array.isArray(value)) return null;
      const fields = type.getFields();
      return firstOf(Object.entries(value), ([key, inner]) => {
        const definition = Object.hasOwn(fields, key) ? fields[key] : undefined;
        return definition ? this.json(inner, definition.type, definition.name, ids) : null;
      });
    }
    // Other JSON types in a leaf position are left to graphql-js's coercion, which runs right after this.
    if (typeof value === 'string' || typeof value === 'number') return leaf(value, String(value), type, field, ids, true);
    return null;
  }
}

const NUMERIC = new Set(['Int', 'Float', 'Boolean']);

/**
 * One value in a leaf position, `text` its string form: text rules, then ids, then a custom scalar's
 * own parser for variables (validation parsed the literals already).
 */
function leaf(raw: unknown, text: string, type: GraphQLInputType, field: string, ids: boolean, variable: boolean): AppError | null {
  if (!isScalarType(type) || NUMERIC.has(type.name)) return null;
  if (text.includes('\u0000')) return badInput(field, `\`${field}\` contains a NUL character (U+0000), which text cannot hold.`);
  if (!text.isWellFormed()) return badInput(field, `\`${field}\` is not well-formed Unicode: it contains a lone UTF-16 surrogate.`);
  if (type.name === 'ID')
    return ids && !isUuid(text) ? new AppError('NOT_FOUND', `\`${field}\` names nothing: ids are UUIDs.`, field) : null;
  if (variable && !isSpecifiedScalarType(type)) return parsedBy((value) => type.parseValue(value), raw, field);
  return null;
}

function parsedBy(parse: (value: unknown) => unknown, value: unknown, field: string): AppError | null {
  try {
    parse(value);
    return null;
  } catch (error) {
    if (error instanceof GraphQLError) return badInput(field, error.message);
    throw error;
  }
}

function firstOf<T>(items: Iterable<T>, check: (item: T) => AppError | null): AppError | null {
  for (const item of items) {
    const found = check(item);
    if (found) return found;
  }
  return null;
}

/** The fragments the operation spreads, directly or through other fragments (validation found them all). */
function spreadFragments(document: DocumentNode, operation: OperationDefinitionNode): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) byName.set(definition.name.value, definition);
  }
  const found = new Map<string, FragmentDefinitionNode>();
  const collect = (root: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(root, {
      FragmentSpread(node) {
        const fragment = byName.get(node.name.value);
        if (!fragment || found.has(fragment.name.value)) return;
        found.set(fragment.name.value, fragment);
        collect(fragment);
      },
    });
  collect(operation);
  return [...found.values()];
}
