import { defineConfig } from 'drizzle-kit';

// Migrations are generated once from the schema and applied on start to PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
