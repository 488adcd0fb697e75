// Renderer words for sync and sign-in, without a DOM: the login's server address, refused changes in
// words (every mutation the core can queue has one), sign-in errors, and every sync problem and mode the
// core reports has a translation in both languages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncRejectionItem } from '../../src/shared/auth';
import { SyncStatus } from '../../src/shared/entities';
import { MUTATION_NAMES } from '../../src/shared/mutations';
import { en } from '../../src/renderer/src/i18n/en';
import { es } from '../../src/renderer/src/i18n/es';
import { errorTextOrMessage } from '../../src/renderer/src/lib/errorText';
import { rejectionAction, rejectionReason } from '../../src/renderer/src/lib/rejectionText';
import { normalizeServerUrl } from '../../src/renderer/src/lib/serverUrl';
import { TransportError } from '../../src/renderer/src/transport/errors';

let tEs: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  const make = async (lng: 'es' | 'en') => {
    const i = i18next.createInstance();
    await i.init({
      resources: { es: { translation: es }, en: { translation: en } },
      lng,
      fallbackLng: 'es',
      interpolation: { escapeValue: false },
    });
    return i.t;
  };
  tEs = await make('es');
  tEn = await make('en');
});

const has = (dict: object, key: string) =>
  key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as never)[k] : undefined), dict) !==
  undefined;

describe('login server address', () => {
  it('adds https:// when the agent types only a host, trims slashes, refuses other schemes', () => {
    expect(normalizeServerUrl('bandeja.empresa.cl')).toBe('https://bandeja.empresa.cl');
    expect(normalizeServerUrl('  http://127.0.0.1:4000/ ')).toBe('http://127.0.0.1:4000');
    expect(normalizeServerUrl('https://x.cl/bandeja//')).toBe('https://x.cl/bandeja');
    expect(normalizeServerUrl('')).toBeNull();
    expect(normalizeServerUrl('ftp://x.cl')).toBeNull();
    expect(normalizeServerUrl('http://')).toBeNull();
  });
});

describe('refused changes in words', () => {
  it('every mutation the core queues has an action in both languages', () => {
    for (const name of MUTATION_NAMES) {
      expect(has(es, `rejection.action.${name}`), `es ${name}`).toBe(true);
      expect(has(en, `rejection.action.${name}`), `en ${name}`).toBe(true);
    }
    expect(rejectionAction(tEs, 'move')).toBe('mover a otra bandeja');
    expect(rejectionAction(tEs, 'somethingNew')).toBe('un cambio');
  });

  it('the banner reads "No se aplicó: <acción> — <motivo>"', () => {
    const r: SyncRejectionItem = {
      mutationId: 3,
      name: 'move',
      conversationId: null,
      code: 'forbidden',
      message: 'No perteneces a la bandeja Soporte',
      messageKey: 'errors.notTrayMember',
      params: { tray: 'Soporte' },
      at: 0,
    };
    const text = (t: TFunction, lng: string) =>
      t('rejection.text', { action: rejectionAction(t, r.name), reason: rejectionReason(t, lng, r) });
    // Spanish keeps the server's precise sentence; English translates its key.
    expect(text(tEs, 'es')).toBe('No se aplicó: mover a otra bandeja — No perteneces a la bandeja Soporte');
    expect(text(tEn, 'en')).toBe(`Not applied: move to another tray — ${en.errors.notTrayMember}`);
    expect(rejectionReason(tEn, 'en', { ...r, messageKey: null })).toBe(r.message);
  });
});

describe('sign-in errors', () => {
  it('translate the messageKey, else keep the server sentence, else the generic text of the code', () => {
    const err = (code: 'forbidden' | 'unavailable', message: string, messageKey?: string) =>
      new TransportError({ code, message, ...(messageKey ? { messageKey } : {}) });
    expect(errorTextOrMessage(tEs, err('forbidden', 'Wrong email or password', 'errors.invalidCredentials'))).toBe(
      es.errors.invalidCredentials,
    );
    expect(errorTextOrMessage(tEs, err('forbidden', 'Cuenta suspendida', 'errors.notAKey'))).toBe('Cuenta suspendida');
    expect(errorTextOrMessage(tEs, err('unavailable', 'Connection lost'))).toBe(es.errors.unavailable);
  });
});

describe('sync indicator words', () => {
  it('every mode and every problem key the core reports is translated', () => {
    for (const mode of SyncStatus.shape.mode.options) {
      expect(has(es, `sync.mode.${mode}`), mode).toBe(true);
      expect(has(en, `sync.mode.${mode}`), mode).toBe(true);
    }
    const src = fileURLToPath(new URL('../../src/core/', import.meta.url));
    const files = (folder: string): string[] =>
      readdirSync(folder).flatMap((name) => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const keys = new Set<string>();
    for (const file of files(src))
      for (const m of readFileSync(file, 'utf8').matchAll(/'(sync\.problem\.[A-Za-z]+)'/g)) keys.add(m[1]!);
    expect(keys.size).toBeGreaterThan(0);
    for (const key of keys) {
      expect(has(es, key), key).toBe(true);
      expect(has(en, key), key).toBe(true);
    }
    expect(tEs('sync.pending', { count: 3 })).toBe('3 cambios pendientes');
    expect(tEs('sync.syncedMinutes', { count: 2 })).toBe('sincronizado hace 2 min');
  });
});
