/**
 * One value per process, shared by every bundled copy of the module that asks for it: `next build`
 * bundles a module once per entry (the instrumentation hook, each route), so a plain module-level
 * `const` exists once per copy. The key is a Symbol.for name, the same in every copy.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`portal.${name}`);
  const holder = globalThis as typeof globalThis & Partial<Record<symbol, T>>;
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
