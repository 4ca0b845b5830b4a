import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, type CliIo } from '../../server/src/cli/run-cli';
import { runSbomCommand } from '../../server/src/cli/sbom-command';
import { buildSbom, NoLockfileError, packageUrl } from '../../server/src/sbom';
import { REPOSITORY_ROOT } from '../helpers/paths';
import { cycloneDxErrors } from './cyclonedx-schema';
import { PNPM_LOCK_V9, POETRY_LOCK, POETRY_PYPROJECT, REQUIREMENTS, UV_LOCK, UV_PYPROJECT, YARN_LOCK_V1 } from './lockfile-texts';

const PROJECT = join(REPOSITORY_ROOT, 'test', 'assets', 'sbom-project');
const FIXED = { now: new Date('2026-01-15T12:00:00Z'), serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' };

interface CdxComponent {
  'bom-ref': string;
  type: string;
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  scope?: string;
  hashes?: Array<{ alg: string; content: string }>;
}
interface CdxBom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  metadata: { timestamp: string; component: CdxComponent; tools: { components: CdxComponent[] } };
  components: CdxComponent[];
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

const folders: string[] = [];
function project(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'mcp-warden-sbom-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function sbomOf(folder: string): CdxBom {
  const result = buildSbom(folder, FIXED);
  const bom = JSON.parse(result.json) as CdxBom;
  assert.deepEqual(cycloneDxErrors(bom), [], 'the SBOM is valid CycloneDX 1.6');
  return bom;
}

function component(bom: CdxBom, purl: string): CdxComponent {
  const found = bom.components.find((candidate) => candidate.purl === purl);
  assert.ok(found, `component ${purl} is listed (have: ${bom.components.map((entry) => entry.purl).join(', ')})`);
  return found;
}

function dependsOn(bom: CdxBom, ref: string): string[] {
  return bom.dependencies.find((entry) => entry.ref === ref)?.dependsOn ?? [];
}

function capture(cwd: string): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  return { io: { stdout: (text) => (out.stdout += text), stderr: (text) => (out.stderr += text), cwd, color: false }, out };
}

void describe('SBOM of the npm test project (test/assets/sbom-project, a real npm lockfile)', () => {
  const lock = JSON.parse(readFileSync(join(PROJECT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; integrity?: string }> };

  void it('is valid CycloneDX 1.6 with the project as metadata.component and the tool named', () => {
    const bom = sbomOf(PROJECT);
    assert.equal(bom.bomFormat, 'CycloneDX');
    assert.equal(bom.specVersion, '1.6');
    assert.equal(bom.serialNumber, FIXED.serialNumber);
    assert.equal(bom.metadata.timestamp, '2026-01-15T12:00:00.000Z');
    assert.equal(bom.metadata.component.name, 'sbom-weather-server');
    assert.equal(bom.metadata.component.version, '1.2.0');
    assert.equal(bom.metadata.component.purl, 'pkg:npm/sbom-weather-server@1.2.0');
    assert.equal(bom.metadata.tools.components[0]?.name, 'mcp-warden');
  });

  void it('lists every locked package once, with its purl, version and the lockfile integrity as a hex hash', () => {
    const bom = sbomOf(PROJECT);
    const locked = Object.keys(lock.packages).filter((path) => path !== '');
    assert.equal(bom.components.length, new Set(locked.map((path) => `${path.slice(path.lastIndexOf('node_modules/') + 13)}@${lock.packages[path]!.version}`)).size);
    const sdk = component(bom, 'pkg:npm/%40modelcontextprotocol/sdk@1.32.2');
    assert.equal(sdk.group, '@modelcontextprotocol');
    assert.equal(sdk.name, 'sdk');
    assert.equal(sdk.version, '1.32.2');
    assert.equal(sdk.scope, 'required');
    const integrity = lock.packages['node_modules/@modelcontextprotocol/sdk']!.integrity!;
    assert.deepEqual(sdk.hashes, [{ alg: 'SHA-512', content: Buffer.from(integrity.slice('sha512-'.length), 'base64').toString('hex') }]);
    const zod = component(bom, 'pkg:npm/zod@3.25.76');
    assert.equal(zod['bom-ref'], 'pkg:npm/zod@3.25.76');
    component(bom, `pkg:npm/express@${lock.packages['node_modules/express']!.version}`);
  });

  void it('records the dependency graph: the project on its direct dependencies, the SDK on its own', () => {
    const bom = sbomOf(PROJECT);
    assert.deepEqual(dependsOn(bom, 'pkg:npm/sbom-weather-server@1.2.0').sort(), ['pkg:npm/%40modelcontextprotocol/sdk@1.32.2', 'pkg:npm/zod@3.25.76']);
    const sdkDependencies = dependsOn(bom, 'pkg:npm/%40modelcontextprotocol/sdk@1.32.2');
    assert.ok(sdkDependencies.includes('pkg:npm/zod@3.25.76'));
    assert.ok(sdkDependencies.some((ref) => ref.startsWith('pkg:npm/express@')));
    const refs = new Set([bom.metadata.component['bom-ref'], ...bom.components.map((entry) => entry['bom-ref'])]);
    for (const entry of bom.dependencies) for (const ref of entry.dependsOn ?? []) assert.ok(refs.has(ref), `${entry.ref} → ${ref} points at a listed component`);
  });

  void it('is deterministic for a fixed time and serial number', () => {
    assert.equal(buildSbom(PROJECT, FIXED).json, buildSbom(PROJECT, FIXED).json);
  });
});

void describe('SBOM of Python projects', () => {
  void it('reads uv.lock: pypi purls, sdist sha256, graph from the editable project entry', () => {
    const bom = sbomOf(project({ 'pyproject.toml': UV_PYPROJECT, 'uv.lock': UV_LOCK }));
    assert.equal(bom.metadata.component.name, 'weather-mcp');
    assert.equal(bom.metadata.component.purl, 'pkg:pypi/weather-mcp@0.3.0');
    const mcp = component(bom, 'pkg:pypi/mcp@1.9.4');
    assert.deepEqual(mcp.hashes, [{ alg: 'SHA-256', content: 'e4f1bd4a5d2b5a4e2a5f1a4f0b9f1a3c6e0f2b9a8d7c6b5a4f3e2d1c0b9a8f7e' }]);
    component(bom, 'pkg:pypi/pydantic-core@2.33.2');
    assert.ok(!bom.components.some((entry) => entry.name === 'weather-mcp'), 'the project itself is not a component');
    assert.deepEqual(dependsOn(bom, 'pkg:pypi/weather-mcp@0.3.0').sort(), ['pkg:pypi/httpx@0.28.1', 'pkg:pypi/mcp@1.9.4']);
    assert.deepEqual(dependsOn(bom, 'pkg:pypi/mcp@1.9.4').sort(), ['pkg:pypi/httpx@0.28.1', 'pkg:pypi/pydantic@2.11.7']);
  });

  void it('reads poetry.lock: sdist hashes, dev group excluded scope, direct dependencies from pyproject', () => {
    const bom = sbomOf(project({ 'pyproject.toml': POETRY_PYPROJECT, 'poetry.lock': POETRY_LOCK }));
    assert.equal(bom.metadata.component.name, 'notes-mcp');
    const mcp = component(bom, 'pkg:pypi/mcp@1.9.4');
    assert.equal(mcp.hashes?.[0]?.alg, 'SHA-256');
    assert.equal(component(bom, 'pkg:pypi/pytest@8.3.5').scope, 'excluded');
    assert.equal(component(bom, 'pkg:pypi/typing-extensions@4.14.0').name, 'typing-extensions');
    assert.deepEqual(dependsOn(bom, 'pkg:pypi/notes-mcp@0.1.0'), ['pkg:pypi/mcp@1.9.4']);
    assert.deepEqual(dependsOn(bom, 'pkg:pypi/mcp@1.9.4'), ['pkg:pypi/typing-extensions@4.14.0']);
  });

  void it('reads pinned requirements files and skips unpinned lines', () => {
    const bom = sbomOf(project({ 'requirements.txt': REQUIREMENTS }));
    assert.deepEqual(bom.components.map((entry) => entry.purl).sort(), ['pkg:pypi/mcp@1.9.4', 'pkg:pypi/starlette@0.47.1', 'pkg:pypi/uvicorn@0.35.0']);
    assert.deepEqual(component(bom, 'pkg:pypi/mcp@1.9.4').hashes, [{ alg: 'SHA-256', content: 'a'.repeat(64) }]);
  });
});

void describe('SBOM of other npm lockfiles', () => {
  void it('reads pnpm-lock.yaml 9.0 (packages + snapshots)', () => {
    const bom = sbomOf(project({ 'package.json': '{"name":"@acme/pnpm-server","version":"2.0.0"}', 'pnpm-lock.yaml': PNPM_LOCK_V9 }));
    assert.equal(bom.metadata.component.purl, 'pkg:npm/%40acme/pnpm-server@2.0.0');
    const sdk = component(bom, 'pkg:npm/%40modelcontextprotocol/sdk@1.32.2');
    assert.equal(sdk.hashes?.[0]?.alg, 'SHA-512');
    assert.deepEqual(dependsOn(bom, 'pkg:npm/%40acme/pnpm-server@2.0.0').sort(), ['pkg:npm/%40modelcontextprotocol/sdk@1.32.2', 'pkg:npm/zod@3.25.76']);
    assert.deepEqual(dependsOn(bom, 'pkg:npm/%40modelcontextprotocol/sdk@1.32.2'), ['pkg:npm/zod@3.25.76']);
  });

  void it('reads a v1 yarn.lock, taking direct dependencies from package.json', () => {
    const manifest = JSON.stringify({ name: 'yarn-server', version: '0.1.0', dependencies: { '@modelcontextprotocol/sdk': '^1.32.0', zod: '^3.25.0' } });
    const bom = sbomOf(project({ 'package.json': manifest, 'yarn.lock': YARN_LOCK_V1 }));
    assert.deepEqual(dependsOn(bom, 'pkg:npm/yarn-server@0.1.0').sort(), ['pkg:npm/%40modelcontextprotocol/sdk@1.32.2', 'pkg:npm/zod@3.25.76']);
    assert.deepEqual(dependsOn(bom, 'pkg:npm/%40modelcontextprotocol/sdk@1.32.2'), ['pkg:npm/zod@3.25.76']);
    assert.equal(component(bom, 'pkg:npm/zod@3.25.76').hashes?.[0]?.alg, 'SHA-512');
  });

  void it('merges several lockfiles; a nested one becomes a sub-project the root depends on', () => {
    const npmLock = readFileSync(join(PROJECT, 'package-lock.json'), 'utf8');
    const bom = sbomOf(project({ 'package.json': readFileSync(join(PROJECT, 'package.json'), 'utf8'), 'package-lock.json': npmLock, 'python/pyproject.toml': UV_PYPROJECT, 'python/uv.lock': UV_LOCK }));
    component(bom, 'pkg:npm/zod@3.25.76');
    component(bom, 'pkg:pypi/mcp@1.9.4');
    assert.ok(dependsOn(bom, 'pkg:npm/sbom-weather-server@1.2.0').includes('pkg:pypi/weather-mcp@0.3.0'));
  });
});

void describe('purls', () => {
  void it('percent-encodes the npm scope and normalizes pypi names', () => {
    assert.equal(packageUrl({ ecosystem: 'npm', name: '@modelcontextprotocol/sdk', version: '1.0.0' }), 'pkg:npm/%40modelcontextprotocol/sdk@1.0.0');
    assert.equal(packageUrl({ ecosystem: 'pypi', name: 'Typing_Extensions', version: '4.14.0' }), 'pkg:pypi/typing-extensions@4.14.0');
    assert.equal(packageUrl({ ecosystem: 'npm', name: 'x', version: '1.0.0+build.1' }), 'pkg:npm/x@1.0.0%2Bbuild.1');
  });
});

void describe('mcp-warden sbom', () => {
  void it('writes the SBOM to standard output by default (exit 0)', async () => {
    const { io, out } = capture(REPOSITORY_ROOT);
    assert.equal(await runCli(['sbom', PROJECT], io), 0, out.stderr);
    const bom = JSON.parse(out.stdout) as CdxBom;
    assert.deepEqual(cycloneDxErrors(bom), []);
    assert.equal(bom.metadata.component.name, 'sbom-weather-server');
    assert.equal(out.stderr, '');
  });

  void it('writes --output relative to the current folder and says what it wrote on stderr', () => {
    const folder = project({});
    const { io, out } = capture(folder);
    assert.equal(runSbomCommand([PROJECT, '--output', 'sbom.cdx.json'], io, FIXED), 0, out.stderr);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /^Wrote sbom\.cdx\.json: CycloneDX 1\.6, \d+ components from package-lock\.json\n$/);
    assert.equal(readFileSync(join(folder, 'sbom.cdx.json'), 'utf8'), buildSbom(PROJECT, FIXED).json);
  });

  void it('exits 2 with a clear message when there is no lockfile (node_modules is not searched)', async () => {
    const folder = project({ 'package.json': '{"name":"x"}', 'node_modules/dep/package-lock.json': '{"lockfileVersion":3,"packages":{}}', 'requirements.txt': 'mcp>=1.9\n' });
    const { io, out } = capture(folder);
    assert.equal(await runCli(['sbom'], io), 2);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /^mcp-warden sbom: no lockfile found under .* \(looked for package-lock\.json/);
    assert.throws(() => buildSbom(folder), NoLockfileError);
  });

  void it('skips an unreadable lockfile with a warning and still writes the others', () => {
    const folder = project({ 'package-lock.json': '{ not json', 'requirements.txt': 'mcp==1.9.4\n' });
    const { io, out } = capture(folder);
    assert.equal(runSbomCommand([], io, FIXED), 0);
    assert.match(out.stderr, /skipped package-lock\.json: not valid JSON/);
    assert.equal((JSON.parse(out.stdout) as CdxBom).components.length, 1);
  });

  void it('rejects unknown options and a missing folder (exit 2), and prints help', () => {
    const { io, out } = capture(REPOSITORY_ROOT);
    assert.equal(runSbomCommand(['--format', 'xml'], io), 2);
    assert.match(out.stderr, /Unknown option '--format'/);
    assert.equal(runSbomCommand(['no/such/folder'], io), 2);
    assert.match(out.stderr, /not a folder: no\/such\/folder/);
    assert.equal(runSbomCommand(['--help'], io), 0);
    assert.match(out.stdout, /^Usage: mcp-warden sbom \[dir\]/);
  });

});
