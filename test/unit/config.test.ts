import path from 'node:path';
import { loadConfig } from '../../server/lib/config';

describe('loadConfig', () => {
  test('config — an empty environment — gives working defaults', () => {
    const c = loadConfig({}, '/srv/kilde');
    expect(c).toMatchObject({ port: 3000, maxUploadBytes: 500 * 1024 * 1024, ocrLangs: 'dan+eng', meili: null });
    expect(c.dataDir).toBe(path.resolve('/srv/kilde', 'data'));
    expect(c.uploadsDir).toBe(path.resolve('/srv/kilde', 'uploads'));
    expect(Object.isFrozen(c)).toBe(true);
  });

  test('config — several bad variables — one error naming each', () => {
    expect(() => loadConfig({ PORT: 'eighty', KILDE_MAX_UPLOAD_MB: '-1', KILDE_WORKERS: '1.5', MEILI_URL: 'not a url' })).toThrow(
      /PORT[\s\S]*KILDE_MAX_UPLOAD_MB[\s\S]*KILDE_WORKERS[\s\S]*MEILI_URL/,
    );
  });

  test('config — KILDE_VIEW_CACHE — templates kept by default and in production, not in development unless asked; a bad value is named', () => {
    expect(loadConfig({}).viewCache).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).viewCache).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).viewCache).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', KILDE_VIEW_CACHE: 'on' }).viewCache).toBe(true);
    expect(loadConfig({ KILDE_VIEW_CACHE: 'OFF' }).viewCache).toBe(false);
    expect(() => loadConfig({ KILDE_VIEW_CACHE: 'sometimes' })).toThrow(/KILDE_VIEW_CACHE must be on or off \(got "sometimes"\)/);
  });

  test('config — MEILI_URL set — selects Meilisearch with its key and index prefix', () => {
    const c = loadConfig({ MEILI_URL: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'k', MEILI_INDEX: 'news' });
    expect(c.meili).toEqual({ url: 'http://127.0.0.1:7700', apiKey: 'k', indexPrefix: 'news' });
  });
});
