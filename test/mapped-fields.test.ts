import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import ts from 'typescript';
import codegen from '../codegen';
import { resolvers } from '../src/graphql/resolvers';

/**
 * Codegen maps GraphQL types to database rows and models (codegen.ts `mappers`), and GraphQL's
 * default resolver reads a field straight off that value. So every field of a mapped type needs either
 * a property of that name on its mapped type or a resolver; otherwise it resolves to undefined (a
 * null, or an error on a non-null field) at run time, which the type checker does not catch because
 * every resolver is optional in the generated types.
 */
describe('mapped GraphQL types', () => {
  const root = path.join(__dirname, '..');
  const schema = buildSchema(readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
  const target = codegen.generates['./src/graphql/generated/resolvers-types.ts'];
  const mappers = Object.keys((target && 'config' in target ? (target.config as { mappers?: object }).mappers : undefined) ?? {});
  const merged = resolvers as Record<string, object | undefined>;

  it('has mappers to check', () => {
    expect(mappers).toEqual(expect.arrayContaining(['Workspace', 'Endpoint', 'Membership', 'Viewer']));
  });

  it('resolve every field: a property of the mapped type or a resolver', () => {
    const properties = mappedProperties(path.join(root, 'src/graphql/generated/resolvers-types.ts'), mappers);
    const missing: string[] = [];
    for (const name of mappers) {
      const type = schema.getType(name);
      if (!isObjectType(type)) {
        missing.push(`${name}: mapped in codegen.ts but not an object type of schema.graphql`);
        continue;
      }
      const own = properties.get(name) ?? new Set<string>();
      const resolved = new Set(Object.keys(merged[name] ?? {}));
      for (const field of Object.keys(type.getFields())) {
        if (!own.has(field) && !resolved.has(field)) missing.push(`${name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** The property names of each mapped type, read by the TypeScript checker off the generated ResolversParentTypes. */
function mappedProperties(generatedFile: string, typeNames: readonly string[]): Map<string, Set<string>> {
  const program = ts.createProgram([generatedFile], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(generatedFile);
  if (!source) throw new Error(`cannot read ${generatedFile}`);
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'ResolversParentTypes',
  );
  if (!alias) throw new Error('ResolversParentTypes not found in the generated resolver types');
  const parents = checker.getTypeAtLocation(alias.name);
  const result = new Map<string, Set<string>>();
  for (const name of typeNames) {
    const symbol = parents.getProperty(name);
    if (!symbol) continue;
    const type = checker.getTypeOfSymbolAtLocation(symbol, alias);
    result.set(name, new Set(checker.getPropertiesOfType(type).map((p) => p.getName())));
  }
  return result;
}
