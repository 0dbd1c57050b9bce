import type { Express } from 'express';
import { removeDir, startTestKilde } from '../helpers/kilde';
import { openApiDocument } from '../../server/openapi';
import { authPaths } from '../../server/auth/auth.openapi';
import { documentsPaths, documentsSchemas } from '../../server/documents/documents.openapi';
import { pagesPaths } from '../../server/documents/page-images.openapi';
import { citationsPaths } from '../../server/http/openapi.citations';
import { openApiPaths } from '../../server/http/openapi';
import { storyPaths } from '../../server/http/openapi.story';
import { requestsPaths } from '../../server/requests/requests.openapi';
import { searchPaths } from '../../server/search-pages/search.openapi';

/** Walks Express 5's router stack for every route under /api. */
function apiRoutes(app: Express): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) if (layer.route.path.startsWith('/api/')) out.push({ method: m, path: layer.route.path });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack);
  return out;
}

describe('OpenAPI document', () => {
  test('openapi — every JSON route of the app — is described', async () => {
    const t = await startTestKilde({}, { start: false });
    try {
      const routes = apiRoutes(t.kilde.app);
      expect(routes.length).toBeGreaterThan(5);
      const paths = openApiDocument.paths as Record<string, Record<string, unknown>>;
      const missing = routes.filter((r) => !paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method]);
      expect(missing).toEqual([]);
      // …and nothing is described that the app does not serve.
      const served = new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
      const described = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
      expect(described.filter((d) => d.includes(' /api/') && !served.has(d))).toEqual([]);
      const res = await t.http.get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe('3.1.0');
    } finally {
      await t.stop();
      removeDir(t.dir);
    }
  });

  test('openapi — the areas\' fragments — each path described by one area, all of them served as assembled', async () => {
    const fragments = { documentsPaths, openApiPaths, authPaths, searchPaths, storyPaths, requestsPaths, pagesPaths, citationsPaths };
    const owners = new Map<string, string[]>();
    for (const [name, paths] of Object.entries(fragments)) for (const p of Object.keys(paths)) owners.set(p, [...(owners.get(p) ?? []), name]);
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
    expect(Object.keys(openApiDocument.paths).sort()).toEqual([...owners.keys()].sort());
    expect(Object.keys(openApiDocument.components.schemas)).toEqual(['Error', ...Object.keys(documentsSchemas)]);

    const t = await startTestKilde({}, { start: false });
    try {
      const res = await t.http.get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    } finally {
      await t.stop();
      removeDir(t.dir);
    }
  });
});
