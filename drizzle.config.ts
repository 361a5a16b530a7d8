import { defineConfig } from 'drizzle-kit';

// drizzle-kit only diffs the schema files into SQL migrations; it never connects.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
