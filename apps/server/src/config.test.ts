import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('defaults to embedded PGlite under ./.qiao/data on port 3000', () => {
    const c = loadConfig({});
    expect(c.database.kind).toBe('pglite');
    expect(c.database.kind === 'pglite' && c.database.dataDir.endsWith('.qiao/data/db')).toBe(true);
    expect(c.port).toBe(3000);
    expect(c.seedDemo).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set and QIAO_DATA_DIR otherwise', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost:5432/qiao' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@localhost:5432/qiao' });
    expect(loadConfig({ QIAO_DATA_DIR: '/srv/qiao' }).database).toEqual({ kind: 'pglite', dataDir: '/srv/qiao/db' });
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', QIAO_DEMO: 'yes' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const v of ['PORT', 'DATABASE_URL', 'QIAO_DEMO']) expect(message).toContain(v);
  });
});
