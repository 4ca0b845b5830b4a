/**
 * Builds a CycloneDX 1.6 JSON SBOM of a project from its lockfiles, with the CycloneDX library's
 * models and JSON serializer. Reads files only: never runs project code or a package manager.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { TOOL_VERSION } from '../host/version';
import { findLockfiles, type FoundLockfile } from './find-lockfiles';
import { readNpmLock } from './npm-lock';
import { readPnpmLock } from './pnpm-lock';
import { normalizePythonName, parseTomlTable, readPoetryLock, readRequirements, readUvLock } from './python-lock';
import { LockfileError, type LockedPackage, type LockfileContents, type PackageScope } from './types';
import { readYarnLock } from './yarn-lock';

export const SBOM_SPEC_VERSION = '1.6';
const MAX_LOCKFILE_BYTES = 32 * 1024 * 1024;

export interface SbomOptions {
  /** Fixed timestamp and serial number make the output reproducible (tests). */
  now?: Date;
  serialNumber?: string;
}

export interface SbomResult {
  /** The CycloneDX JSON document (2-space indented, trailing newline). */
  json: string;
  /** Lockfiles read, relative to the folder. */
  lockfiles: string[];
  /** Lockfiles that could not be read, with why. */
  warnings: string[];
  components: number;
}

/** No lockfile under the folder: nothing to describe. */
export class NoLockfileError extends Error {}

interface ProjectInfo {
  name: string;
  version?: string;
  ecosystem?: 'npm' | 'pypi';
  /** npm: name → range of dependencies + devDependencies (yarn.lock needs them). */
  npmDependencies: Array<[string, string]>;
  /** Python: declared dependency names (poetry.lock needs them). */
  pythonDependencies: string[];
}

export function buildSbom(folder: string, options: SbomOptions = {}): SbomResult {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new NoLockfileError(`not a folder: ${folder}`);
  const found = findLockfiles(folder);
  if (found.length === 0) {
    throw new NoLockfileError(
      `no lockfile found under ${folder} (looked for package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, uv.lock, poetry.lock and pinned requirements*.txt, outside node_modules and virtual environments)`,
    );
  }
  const warnings: string[] = [];
  const read: LockfileContents[] = [];
  for (const lockfile of found) {
    try {
      read.push(readLockfile(folder, lockfile));
    } catch (error) {
      if (!(error instanceof LockfileError)) throw error;
      warnings.push(`${lockfile.file}: ${error.message}`);
    }
  }
  if (read.length === 0) throw new NoLockfileError(`no readable lockfile under ${folder}:\n${warnings.join('\n')}`);

  const rootProject = projectInfo(folder) ?? { name: basename(folder) || 'project', npmDependencies: [], pythonDependencies: [] };
  const root = projectComponent(rootProject);
  const bom = new Models.Bom({
    serialNumber: options.serialNumber ?? `urn:uuid:${randomUUID()}`,
    metadata: new Models.Metadata({
      timestamp: options.now ?? new Date(),
      component: root,
      tools: new Models.Tools({
        components: new Models.ComponentRepository([
          new Models.Component(Enums.ComponentType.Application, 'mcp-warden', { version: TOOL_VERSION, description: 'MCP Warden SBOM generator (reads lockfiles only)' }),
        ]),
      }),
    }),
  });

  const byPurl = new Map<string, Models.Component>();
  const subprojects = new Map<string, Models.Component>();
  for (const contents of read) {
    const lockfileFolder = dirname(contents.file);
    // A lockfile below the root describes a sub-project: a component of its own the root depends on.
    let owner = root;
    if (lockfileFolder !== '.') {
      owner = subprojects.get(lockfileFolder) ?? projectComponent(projectInfo(join(folder, lockfileFolder)) ?? { name: lockfileFolder, npmDependencies: [], pythonDependencies: [] }, lockfileFolder);
      if (!subprojects.has(lockfileFolder)) {
        subprojects.set(lockfileFolder, owner);
        bom.components.add(owner);
        root.dependencies.add(owner.bomRef);
      }
    }
    const componentsByKey = new Map<string, Models.Component>();
    for (const [key, locked] of contents.packages) {
      const purl = packageUrl(locked);
      let component = byPurl.get(purl);
      if (!component) {
        component = new Models.Component(Enums.ComponentType.Library, locked.ecosystem === 'npm' ? npmBaseName(locked.name) : locked.name, {
          bomRef: purl,
          purl,
          version: locked.version,
          scope: scopeOf(locked.scope),
          ...(locked.ecosystem === 'npm' && locked.name.startsWith('@') ? { group: locked.name.slice(0, locked.name.indexOf('/')) } : {}),
        });
        for (const [algorithm, hex] of locked.hashes) component.hashes.set(algorithm as Enums.HashAlgorithm, hex);
        byPurl.set(purl, component);
        bom.components.add(component);
      } else if (locked.scope === 'required') {
        component.scope = Enums.ComponentScope.Required;
      }
      componentsByKey.set(key, component);
    }
    for (const [key, locked] of contents.packages) {
      const component = componentsByKey.get(key)!;
      for (const dependency of locked.dependencies) {
        const target = componentsByKey.get(dependency);
        if (target && target !== component) component.dependencies.add(target.bomRef);
      }
    }
    for (const key of contents.direct ?? []) {
      const target = componentsByKey.get(key);
      if (target) owner.dependencies.add(target.bomRef);
    }
  }

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  const json = `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
  return { json, lockfiles: read.map((contents) => contents.file), warnings, components: byPurl.size };
}

function readLockfile(folder: string, { file, kind }: FoundLockfile): LockfileContents {
  const path = join(folder, file);
  if (statSync(path).size > MAX_LOCKFILE_BYTES) throw new LockfileError(`larger than ${MAX_LOCKFILE_BYTES / 1024 / 1024} MB; skipped`);
  const text = readFileSync(path, 'utf8');
  const project = () => projectInfo(join(folder, dirname(file)));
  switch (kind) {
    case 'package-lock.json':
      return readNpmLock(text, file);
    case 'pnpm-lock.yaml':
      return readPnpmLock(text, file);
    case 'yarn.lock':
      return readYarnLock(text, file, project()?.npmDependencies);
    case 'uv.lock':
      return readUvLock(text, file, project()?.ecosystem === 'pypi' ? project()?.name : undefined);
    case 'poetry.lock':
      return readPoetryLock(text, file, project()?.pythonDependencies);
    case 'requirements.txt':
      return readRequirements(text, file);
  }
}

/** The project's name and version from package.json, else pyproject.toml ([project] or [tool.poetry]). */
function projectInfo(folder: string): ProjectInfo | undefined {
  const manifest = readIfPresent(join(folder, 'package.json'));
  if (manifest !== undefined) {
    try {
      const parsed = JSON.parse(manifest) as Record<string, unknown>;
      if (typeof parsed['name'] === 'string' && parsed['name'] !== '') {
        const npmDependencies: Array<[string, string]> = [];
        for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
          const map = parsed[field];
          if (typeof map === 'object' && map !== null) for (const [name, range] of Object.entries(map)) if (typeof range === 'string') npmDependencies.push([name, range]);
        }
        return { name: parsed['name'], ...(typeof parsed['version'] === 'string' ? { version: parsed['version'] } : {}), ecosystem: 'npm', npmDependencies, pythonDependencies: [] };
      }
    } catch {
      // An unreadable package.json: fall through to pyproject.toml or the folder name.
    }
  }
  const pyproject = readIfPresent(join(folder, 'pyproject.toml'));
  if (pyproject !== undefined) {
    try {
      const table = parseTomlTable(pyproject);
      const project = asTable(table['project']);
      const poetry = asTable(asTable(table['tool'])['poetry']);
      const name = typeof project['name'] === 'string' ? project['name'] : typeof poetry['name'] === 'string' ? poetry['name'] : undefined;
      if (name) {
        const version = typeof project['version'] === 'string' ? project['version'] : typeof poetry['version'] === 'string' ? poetry['version'] : undefined;
        const declared = new Set<string>();
        for (const requirement of Array.isArray(project['dependencies']) ? project['dependencies'] : []) {
          const match = typeof requirement === 'string' ? /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement) : null;
          if (match) declared.add(normalizePythonName(match[1]!));
        }
        for (const dependencyName of Object.keys(asTable(poetry['dependencies']))) if (dependencyName.toLowerCase() !== 'python') declared.add(normalizePythonName(dependencyName));
        return { name, ...(version ? { version } : {}), ecosystem: 'pypi', npmDependencies: [], pythonDependencies: [...declared] };
      }
    } catch {
      // Unreadable pyproject.toml: use the folder name.
    }
  }
  return undefined;
}

function projectComponent(project: ProjectInfo, subfolder?: string): Models.Component {
  const purl = project.ecosystem && project.version ? packageUrl({ ecosystem: project.ecosystem, name: project.ecosystem === 'pypi' ? normalizePythonName(project.name) : project.name, version: project.version }) : undefined;
  const name = project.ecosystem === 'npm' ? npmBaseName(project.name) : project.name;
  return new Models.Component(Enums.ComponentType.Application, name, {
    bomRef: purl ?? `project:${subfolder ?? '.'}:${project.name}`,
    ...(purl ? { purl } : {}),
    ...(project.version ? { version: project.version } : {}),
    ...(project.ecosystem === 'npm' && project.name.startsWith('@') ? { group: project.name.slice(0, project.name.indexOf('/')) } : {}),
  });
}

/** Package URLs (https://github.com/package-url/purl-spec): pkg:npm/%40scope/name@1.0.0, pkg:pypi/name@1.0. */
export function packageUrl(locked: Pick<LockedPackage, 'ecosystem' | 'name' | 'version'>): string {
  const version = encodeURIComponent(locked.version);
  if (locked.ecosystem === 'pypi') return `pkg:pypi/${encodeURIComponent(normalizePythonName(locked.name))}@${version}`;
  const name = locked.name.startsWith('@') ? `%40${locked.name.slice(1).split('/').map(encodeURIComponent).join('/')}` : encodeURIComponent(locked.name);
  return `pkg:npm/${name}@${version}`;
}

function npmBaseName(name: string): string {
  return name.startsWith('@') && name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
}

function scopeOf(scope: PackageScope): Enums.ComponentScope {
  return scope === 'dev' ? Enums.ComponentScope.Excluded : scope === 'optional' ? Enums.ComponentScope.Optional : Enums.ComponentScope.Required;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function asTable(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
