export { loadConfig, ConfigError, type Config } from './config.ts';
export { startServer, openConfiguredDatabase } from './server.ts';
export { buildApp, buildServices } from './app.ts';
export { loadOrCreateNodeKey } from './modules/federation/federation.keys.ts';
export { openDatabase, type Database } from './db/client.ts';
export { DataDirInUseError } from './db/data-dir-lock.ts';
export { migrationState } from './db/migrate.ts';
export { backupDatabase, restoreDatabase, BackupError, type BackupResult, type RestoreResult } from './db/backup.ts';
export { buildMatcher as buildScreeningMatcher } from './modules/screening/screening-index.ts';
