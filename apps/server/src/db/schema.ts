// Every table of the platform, gathered for Drizzle and drizzle-kit; each module owns its own file.
export * from '../modules/sides/side.schema.ts';
export * from '../modules/parties/party.schema.ts';
export * from '../modules/users/user.schema.ts';
export * from '../modules/auth/session.schema.ts';
export * from '../modules/audit/audit.schema.ts';
export * from '../modules/indicators/indicator.schema.ts';
