import { readFileSync } from 'node:fs';
import path from 'node:path';

/** schema.graphql is the single source of the API; it is read, not copied. */
export function loadTypeDefs(): string {
  return readFileSync(path.join(process.cwd(), 'schema.graphql'), 'utf8');
}
