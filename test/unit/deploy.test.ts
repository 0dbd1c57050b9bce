import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { MEILI_SETTINGS } from '../../search/meilisearch/records';

/**
 * The deployment files, checked where Docker cannot run: docker-compose.yml parses and brings a
 * pinned Meilisearch with its key from the environment, volumes and health checks; the Dockerfile
 * builds once and runs unprivileged; the systemd unit starts `kilde serve`; and the Meilisearch
 * settings the README documents are the ones the engine applies at start.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  environment: Record<string, string>;
  volumes: string[];
  ports?: string[];
  healthcheck?: { test: string[]; interval: string; retries: number };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parseYaml(read('docker-compose.yml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = read('Dockerfile');
const { kilde, meilisearch } = compose.services as { kilde: Service; meilisearch: Service };

describe('docker-compose.yml', () => {
  test('Meilisearch — a pinned v1 image, production mode, the master key from the environment, a volume, a health check', () => {
    expect(meilisearch.image).toMatch(/^getmeili\/meilisearch:v1\.\d+(\.\d+)?$/);
    expect(meilisearch.environment.MEILI_ENV).toBe('production');
    expect(meilisearch.environment.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?[^}]+\}$/);
    expect(meilisearch.volumes).toContain('meili-data:/meili_data');
    expect(meilisearch.healthcheck?.test).toEqual(['CMD', 'curl', '-fsS', 'http://127.0.0.1:7700/health']);
  });

  test('Kilde — built here, talks to that Meilisearch with the same key, keeps data and uploads in volumes, waits for a healthy engine', () => {
    expect(kilde.build).toBe('.');
    expect(kilde.environment.MEILI_URL).toBe('http://meilisearch:7700');
    expect(kilde.environment.MEILI_MASTER_KEY).toBe(meilisearch.environment.MEILI_MASTER_KEY);
    expect(kilde.volumes).toEqual(expect.arrayContaining([`kilde-data:${kilde.environment.KILDE_DATA_DIR}`, `kilde-uploads:${kilde.environment.KILDE_UPLOADS_DIR}`]));
    expect(Object.keys(compose.volumes).sort()).toEqual(['kilde-data', 'kilde-uploads', 'meili-data']);
    expect(kilde.depends_on).toEqual({ meilisearch: { condition: 'service_healthy' } });
    expect(kilde.ports).toEqual([`${kilde.environment.PORT}:${kilde.environment.PORT}`]);
    expect(kilde.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${kilde.environment.PORT}/api/health`);
    // No secret is written into the file itself: every key comes from the environment.
    for (const service of [kilde, meilisearch]) {
      for (const [name, value] of Object.entries(service.environment)) if (/KEY|TOKEN|SECRET|PASSWORD/.test(name)) expect([name, value]).toEqual([name, expect.stringMatching(/^\$\{/)]);
    }
  });

  test('docker compose config — accepts the file, when a Docker client with compose is installed', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      console.log('docker compose config: skipped: no docker compose client on this machine');
      return;
    }
    const res = spawnSync('docker', ['compose', '-f', path.join(ROOT, 'docker-compose.yml'), 'config', '--quiet'], { encoding: 'utf8', env: { ...process.env, MEILI_MASTER_KEY: 'a-test-key-of-32-characters-long' } });
    expect([res.status, res.stderr]).toEqual([0, '']);
  });
});

describe('Dockerfile', () => {
  test('Node 20 on Debian bookworm, npm ci and one build, an unprivileged user, the volumes compose mounts', () => {
    expect(dockerfile.match(/^FROM \S+/gm)).toEqual(['FROM node:20-bookworm-slim', 'FROM node:20-bookworm-slim']);
    expect(dockerfile.match(/npm ci\b/g)).toHaveLength(1);
    expect(dockerfile.match(/npm run build\b/g)).toHaveLength(1);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "bin\/kilde\.js", "serve"\]$/m);
    expect(dockerfile).toContain(`KILDE_DATA_DIR=${kilde.environment.KILDE_DATA_DIR}`);
    expect(dockerfile).toContain(`KILDE_UPLOADS_DIR=${kilde.environment.KILDE_UPLOADS_DIR}`);
    expect(dockerfile).toContain(`VOLUME ["${kilde.environment.KILDE_DATA_DIR}", "${kilde.environment.KILDE_UPLOADS_DIR}"]`);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });

  test('native tesseract in the image that runs — the program from Debian, the Danish model from npm', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['tesseract.js', '@tesseract.js-data/dan']));
    // The program is installed in the runtime stage (after the last FROM), not only where it is built.
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/apt-get install -y --no-install-recommends tesseract-ocr\b/);
    // Native OCR is fed the npm models through --tessdata-dir, so Debian's language packages are not needed.
    expect(read('server/ingest/ocr/native-ocr.ts')).toMatch(/'--tessdata-dir', dir/);
  });

  test('.dockerignore — keeps archives, dependencies and builds of this machine out of the image', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', 'uploads', '.env', '.git']));
  });
});

describe('deploy/kilde.service', () => {
  test('systemd unit — runs `kilde serve` as its own user with the data directories, restarts on failure', () => {
    const unit = read('deploy/kilde.service');
    const service = unit.slice(unit.indexOf('[Service]'), unit.indexOf('[Install]'));
    expect(service).toMatch(/^ExecStart=\/usr\/bin\/node \S+\/bin\/kilde\.js serve$/m);
    expect(service).toMatch(/^User=kilde$/m);
    expect(service).toMatch(/^Environment=KILDE_DATA_DIR=\/var\/lib\/kilde\/data$/m);
    expect(service).toMatch(/^Environment=KILDE_UPLOADS_DIR=\/var\/lib\/kilde\/uploads$/m);
    expect(service).toMatch(/^ReadWritePaths=\/var\/lib\/kilde$/m);
    expect(service).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^WantedBy=multi-user\.target$/m);
  });
});

describe('README', () => {
  const readme = read('README.md');

  test('the Meilisearch settings it documents — are the ones the engine applies at start', () => {
    const section = readme.slice(readme.indexOf('### Meilisearch settings'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1]!)).toEqual(JSON.parse(JSON.stringify(MEILI_SETTINGS)));
  });

  test('names the Meilisearch image compose pins, and has a section for each way to run Kilde', () => {
    expect(readme).toContain(meilisearch.image!);
    for (const heading of ['### Embedded', '### Docker Compose', '### systemd', '## Operations']) expect(readme).toContain(heading);
  });
});
