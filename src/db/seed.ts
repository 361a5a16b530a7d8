import type { Database } from './schema-types';

export async function seedDemoIfEmpty(db: Database): Promise<void> {
  void db;
}
