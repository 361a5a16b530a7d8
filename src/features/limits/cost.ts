import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostModel {
  /** A `first` argument left out means this many (the API's default page size). */
  defaultPageSize: number;
  /** A `first` above this is refused by the API anyway; it counts as this much. */
  maxPageSize: number;
  /** A list without `first` (a Workspace's organizations, a day-by-day series) counts as this many. */
  unpagedListSize: number;
}

export const COST_MODEL: CostModel = { defaultPageSize: 50, maxPageSize: 500, unpagedListSize: 10 };

/**
 * What an operation costs: every field counts 1, times the sizes of the lists it sits in. A list
 * field's size is its `first` argument (a literal or a variable; left out: the default page size);
 * the edges and nodes of a connection are the items `first` already counted; other lists count as
 * `unpagedListSize`. Introspection and __typename are free.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>> | undefined,
  model: CostModel = COST_MODEL,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const pageSize = (field: GraphQLField<unknown, unknown>, node: FieldNode): number | null => {
    const definition = field.args.find((arg) => arg.name === 'first' || arg.name === 'last');
    if (!definition) return null;
    const argument = node.arguments?.find((arg) => arg.name.value === definition.name);
    let value: unknown = definition.defaultValue ?? model.defaultPageSize;
    if (argument?.value.kind === Kind.INT) value = Number.parseInt(argument.value.value, 10);
    else if (argument?.value.kind === Kind.VARIABLE)
      value = variables?.[argument.value.name.value] ?? definition.defaultValue ?? model.defaultPageSize;
    else if (argument?.value.kind === Kind.NULL) value = model.defaultPageSize;
    const n = typeof value === 'number' && Number.isFinite(value) ? value : model.defaultPageSize;
    return Math.min(Math.max(n, 0), model.maxPageSize);
  };

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, spreading: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        cost += multiplier;
        if (!field || !selection.selectionSet) continue;
        const child = getNamedType(field.type);
        if (!isCompositeType(child)) continue;
        const size = pageSize(field, selection) ?? (isList(field.type) && !parent.name.endsWith('Connection') ? model.unpagedListSize : 1);
        cost += walk(selection.selectionSet, child, multiplier * size, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) cost += walk(selection.selectionSet, type, multiplier, spreading);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || spreading.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) cost += walk(fragment.selectionSet, type, multiplier, new Set([...spreading, name]));
      }
    }
    return cost;
  };

  return walk(operation.selectionSet, root, 1, new Set());
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
