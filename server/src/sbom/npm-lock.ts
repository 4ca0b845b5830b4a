/** package-lock.json / npm-shrinkwrap.json, lockfileVersion 2 and 3 (the `packages` map). */
import { hashesFromIntegrity } from './hashes';
import { LockfileError, type LockedPackage, type LockfileContents, type PackageScope } from './types';

interface NpmLockEntry {
  name?: unknown;
  version?: unknown;
  integrity?: unknown;
  link?: unknown;
  resolved?: unknown;
  dev?: unknown;
  optional?: unknown;
  devOptional?: unknown;
  dependencies?: unknown;
  optionalDependencies?: unknown;
  peerDependencies?: unknown;
  devDependencies?: unknown;
}

const PREFIX = 'node_modules/';

export function readNpmLock(text: string, file: string): LockfileContents {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch (error) {
    throw new LockfileError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const packagesField = isObject(lock) ? lock['packages'] : undefined;
  if (!isObject(packagesField)) {
    const version = isObject(lock) ? lock['lockfileVersion'] : undefined;
    throw new LockfileError(`lockfileVersion ${String(version)} has no "packages" map; regenerate it with npm 7 or later (lockfileVersion 2 or 3)`);
  }
  const entries = new Map<string, NpmLockEntry>();
  for (const [path, entry] of Object.entries(packagesField)) if (isObject(entry)) entries.set(path, entry);

  const packages = new Map<string, LockedPackage>();
  for (const [path, entry] of entries) {
    if (path === '' || entry.link === true) continue;
    const name = typeof entry.name === 'string' ? entry.name : nameFromPath(path);
    if (!name || typeof entry.version !== 'string') continue;
    packages.set(path, {
      ecosystem: 'npm',
      name,
      version: entry.version,
      hashes: hashesFromIntegrity(entry.integrity),
      dependencies: dependencyNames(entry, false).map((dependency) => resolveDependency(entries, path, dependency)).filter((key): key is string => key !== undefined),
      scope: scopeOf(entry),
    });
  }
  // Drop graph edges to packages the lockfile does not list (not installed optional/peer dependencies).
  for (const locked of packages.values()) locked.dependencies = locked.dependencies.filter((key) => packages.has(key));
  const root = entries.get('');
  const direct = root ? dependencyNames(root, true).map((dependency) => resolveDependency(entries, '', dependency)).filter((key): key is string => key !== undefined && packages.has(key)) : undefined;
  return { file, kind: 'package-lock.json', packages, direct };
}

function scopeOf(entry: NpmLockEntry): PackageScope {
  if (entry.dev === true || entry.devOptional === true) return 'dev';
  if (entry.optional === true) return 'optional';
  return 'required';
}

function dependencyNames(entry: NpmLockEntry, includeDev: boolean): string[] {
  const names = new Set<string>();
  const fields = [entry.dependencies, entry.optionalDependencies, entry.peerDependencies, ...(includeDev ? [entry.devDependencies] : [])];
  for (const field of fields) if (isObject(field)) for (const name of Object.keys(field)) names.add(name);
  return [...names];
}

/** Node's resolution: the nearest `node_modules/<name>` at or above the dependent's folder. */
function resolveDependency(entries: Map<string, NpmLockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}${PREFIX}${name}`;
    const entry = entries.get(candidate);
    if (entry) {
      // A workspace link points at the workspace's folder entry.
      if (entry.link === true && typeof entry.resolved === 'string') return entries.has(entry.resolved) ? entry.resolved : undefined;
      return candidate;
    }
    if (base === '') return undefined;
    const index = base.lastIndexOf(`/${PREFIX}`);
    base = index >= 0 ? base.slice(0, index) : base.startsWith(PREFIX) ? '' : parentFolder(base);
  }
}

function parentFolder(path: string): string {
  const index = path.lastIndexOf('/');
  return index > 0 ? path.slice(0, index) : '';
}

function nameFromPath(path: string): string | undefined {
  const index = path.lastIndexOf(PREFIX);
  return index >= 0 ? path.slice(index + PREFIX.length) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
