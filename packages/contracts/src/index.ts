export * from './errors.ts';
export * from './sides.ts';
export * from './limits.ts';
export * from './auth.ts';
export * from './parties.ts';
export * from './health.ts';
export * from './audit.ts';
export * from './list.ts';
