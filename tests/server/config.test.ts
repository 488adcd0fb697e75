// Environment → server settings: defaults for the embedded mode, PostgreSQL with DATABASE_URL, and a
// readable failure on a bad value.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server';

describe('loadConfig', () => {
  it('defaults to PGlite in .data/server on 127.0.0.1:4000', () => {
    expect(loadConfig({})).toEqual({
      database: { kind: 'pglite', dataDir: resolve('.data/server', 'pglite') },
      port: 4000,
      host: '127.0.0.1',
      logLevel: 'info',
      trustProxy: false,
      allowSignup: true,
      demo: false,
    });
  });

  it('ensures the demo workspace with BANDEJA_DEMO or --demo', () => {
    expect(loadConfig({ BANDEJA_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ BANDEJA_DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({ BANDEJA_DEMO: '0' }, ['--inspect']).demo).toBe(false);
    expect(loadConfig({}, ['--demo']).demo).toBe(true);
    expect(() => loadConfig({ BANDEJA_DEMO: 'yes' })).toThrow(/BANDEJA_DEMO/);
  });

  it('uses PostgreSQL with DATABASE_URL and reads the other settings', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/bandeja',
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      TRUST_PROXY: 'true',
      BANDEJA_ALLOW_SIGNUP: 'false',
      PATH: '/usr/bin',
    });
    expect(c).toMatchObject({
      database: { kind: 'postgres', url: 'postgres://u@db:5432/bandeja' },
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'debug',
      trustProxy: true,
      allowSignup: false,
    });
  });

  it('treats empty values as unset and fails readably on bad ones', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite');
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
