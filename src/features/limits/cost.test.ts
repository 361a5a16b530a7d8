import { buildSchema, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { operationCost } from './cost';

const schema = buildSchema(`
  type Query { items(first: Int, after: String): ItemConnection!  tags: [String!]!  me: Item  page(first: Int = 20): ItemConnection! }
  type ItemConnection { edges: [ItemEdge!]!  totalCount: Int! }
  type ItemEdge { node: Item! }
  type Item { id: ID!  name: String!  children(first: Int): ItemConnection!  history: [Day!]! }
  type Day { day: String! }
`);

function cost(document: string, variables?: Record<string, unknown>): number {
  const doc = parse(document);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return operationCost(schema, operation, fragments, variables);
}

describe('operation cost', () => {
  it('counts every field once, and __typename not at all', () => {
    expect(cost('{ me { id name __typename } tags }')).toBe(4);
  });

  it('multiplies what a list field holds by its `first`: a literal, a variable, or the default page size', () => {
    // items (1) + first x (edges 1 + node 1 + id 1)
    expect(cost('{ items(first: 10) { edges { node { id } } } }')).toBe(1 + 10 * 3);
    expect(cost('query($n: Int) { items(first: $n) { edges { node { id } } } }', { n: 200 })).toBe(1 + 200 * 3);
    expect(cost('{ items { edges { node { id } } } }')).toBe(1 + 50 * 3);
    expect(cost('query($n: Int) { items(first: $n) { edges { node { id } } } }', {})).toBe(1 + 50 * 3);
    // The schema's own default wins over the API-wide one.
    expect(cost('{ page { totalCount } }')).toBe(1 + 20);
  });

  it('multiplies along the path: nested lists cost the product of their sizes', () => {
    expect(cost('{ items(first: 100) { edges { node { children(first: 30) { edges { node { id } } } } } } }')).toBe(
      1 + 100 * (1 + 1 + 1 + 30 * 3),
    );
  });

  it("counts a list without `first` as 10 items, and a connection's edges as the items `first` counted", () => {
    expect(cost('{ me { history { day } } }')).toBe(1 + 1 + 10);
    expect(cost('{ items(first: 5) { edges { node { history { day } } } } }')).toBe(1 + 5 * (1 + 1 + 1 + 10));
  });

  it('caps `first` at the largest page the API serves (it refuses more anyway)', () => {
    expect(cost('{ items(first: 100000) { totalCount } }')).toBe(1 + 500);
  });

  it('follows fragments and inline fragments', () => {
    expect(cost('query { items(first: 4) { ...E } } fragment E on ItemConnection { edges { ... on ItemEdge { node { id } } } }')).toBe(
      1 + 4 * 3,
    );
  });

  it('leaves introspection free', () => {
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});
