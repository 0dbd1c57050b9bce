import type { Router } from 'express';
import { storyPaths } from '../../server/http/openapi.story';
import { storyRoutes } from '../../server/links';
import { removeDir, startTestKilde } from '../helpers/kilde';

/** Every JSON route of the story area is described in openapi.story.ts (merged into the app's document). */
function apiRoutes(router: Router): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) if (layer.route.path.startsWith('/api/')) out.push({ method: m, path: layer.route.path });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: unknown[] }).stack);
  return out;
}

test('openapi.story — every JSON route of the story area — is described, and nothing else', async () => {
  const t = await startTestKilde({}, { start: false });
  try {
    const routes = apiRoutes(storyRoutes(t.kilde.story));
    expect(routes.length).toBeGreaterThan(20);
    const paths = storyPaths as Record<string, Record<string, unknown>>;
    const missing = routes.filter((r) => !paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method]);
    expect(missing).toEqual([]);
    const described = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    const served = new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    expect(described.filter((d) => !served.has(d))).toEqual([]);
  } finally {
    await t.stop();
    removeDir(t.dir);
  }
});
