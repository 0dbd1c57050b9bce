import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The code's folders must not import each other in a circle: an area's folder may build on
 * another, never the other way round as well, so each can be read, tested and moved on its own.
 * Every source file's relative imports (type-only ones too) are read with TypeScript's own
 * scanner and gathered into a graph of folders; a circle is any group of two or more folders that
 * reach each other.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['server', 'search'];

function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((dir) =>
    (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
      .filter((rel) => rel.endsWith('.ts'))
      .map((rel) => path.join(ROOT, dir, rel)),
  );
}

/** The file or folder an import names, or null when it is a package. */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = path.resolve(path.dirname(from), spec);
  if (fs.existsSync(target + '.ts')) return target + '.ts';
  if (fs.existsSync(path.join(target, 'index.ts'))) return path.join(target, 'index.ts');
  return null;
}

function folderGraph(files: string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = path.relative(ROOT, path.dirname(file));
    const imports = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles;
    for (const { fileName } of imports) {
      const target = resolveImport(file, fileName);
      if (!target) continue;
      const to = path.relative(ROOT, path.dirname(target));
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Groups of two or more nodes that reach each other (Tarjan's strongly connected components). */
export function circles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('folder imports', () => {
  test('the detector finds a circle through three folders and none in a chain', () => {
    const g = (edges: Array<[string, string]>) => {
      const m = new Map<string, Set<string>>();
      for (const [a, b] of edges) m.set(a, (m.get(a) ?? new Set()).add(b));
      return m;
    };
    expect(circles(g([['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd']]))).toEqual([['a', 'b', 'c']]);
    expect(circles(g([['a', 'b'], ['b', 'c'], ['a', 'c']]))).toEqual([]);
  });

  test('no folder of server/ and search/ imports another in a circle', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    const graph = folderGraph(files);
    // The composition root reaches every area: the graph is read, not empty.
    expect(graph.get('server')?.size ?? 0).toBeGreaterThan(5);
    expect(circles(graph)).toEqual([]);
  });
});
