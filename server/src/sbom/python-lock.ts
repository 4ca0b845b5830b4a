/** uv.lock and poetry.lock (TOML), and requirements files with `==` pins. */
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { hashFromPrefixedHex } from './hashes';
import { LockfileError, type HashAlgorithmName, type LockedPackage, type LockfileContents } from './types';

type Table = Record<string, unknown>;

/** PEP 503 name normalization (also what the pypi purl type requires). */
export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export function parseTomlTable(text: string): Table {
  let value: unknown;
  try {
    value = getStaticTOMLValue(parseTOML(text));
  } catch (error) {
    throw new LockfileError(`not valid TOML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  return isTable(value) ? value : {};
}

/** `projectName`: the pyproject.toml name, to tell the project's own entry from a registry package of that name. */
export function readUvLock(text: string, file: string, projectName?: string): LockfileContents {
  const lock = parseTomlTable(text);
  const entries = Array.isArray(lock['package']) ? lock['package'].filter(isTable) : [];
  const packages = new Map<string, LockedPackage>();
  const dependencyNames = new Map<string, string[]>();
  const projectKeys = new Set<string>();
  for (const entry of entries) {
    const name = typeof entry['name'] === 'string' ? normalizePythonName(entry['name']) : undefined;
    const version = typeof entry['version'] === 'string' ? entry['version'] : undefined;
    if (!name) continue;
    const source = isTable(entry['source']) ? entry['source'] : {};
    const names = (Array.isArray(entry['dependencies']) ? entry['dependencies'] : []).filter(isTable).map((dependency) => dependency['name']).filter((value): value is string => typeof value === 'string').map(normalizePythonName);
    // The project itself (and workspace members) are `editable`/`virtual` sources: the SBOM's subject, not components.
    if ('editable' in source || 'virtual' in source || (projectName !== undefined && name === normalizePythonName(projectName) && !('registry' in source))) {
      projectKeys.add(name);
      dependencyNames.set(`project:${name}`, names);
      continue;
    }
    if (!version) continue;
    const key = `${name}@${version}`;
    const sdist = isTable(entry['sdist']) ? entry['sdist'] : undefined;
    const wheels = (Array.isArray(entry['wheels']) ? entry['wheels'] : []).filter(isTable);
    // One artifact's hash per component: the sdist's, else the only wheel's (several wheels are different files).
    const hashes = sdist ? hashFromPrefixedHex(sdist['hash']) : wheels.length === 1 ? hashFromPrefixedHex(wheels[0]!['hash']) : [];
    packages.set(key, { ecosystem: 'pypi', name, version, hashes, dependencies: [], scope: 'required' });
    dependencyNames.set(key, names);
  }
  const byName = keysByName(packages);
  for (const [key, locked] of packages) locked.dependencies = resolveNames(dependencyNames.get(key) ?? [], byName);
  const root = projectName !== undefined && projectKeys.has(normalizePythonName(projectName)) ? normalizePythonName(projectName) : projectKeys.size === 1 ? [...projectKeys][0]! : undefined;
  const direct = root !== undefined ? resolveNames(dependencyNames.get(`project:${root}`) ?? [], byName) : undefined;
  return { file, kind: 'uv.lock', packages, direct };
}

/** `directNames`: the project's declared dependency names (pyproject.toml); poetry.lock does not record them. */
export function readPoetryLock(text: string, file: string, directNames?: readonly string[]): LockfileContents {
  const lock = parseTomlTable(text);
  const entries = Array.isArray(lock['package']) ? lock['package'].filter(isTable) : [];
  const packages = new Map<string, LockedPackage>();
  const dependencyNames = new Map<string, string[]>();
  for (const entry of entries) {
    const name = typeof entry['name'] === 'string' ? normalizePythonName(entry['name']) : undefined;
    const version = typeof entry['version'] === 'string' ? entry['version'] : undefined;
    if (!name || !version) continue;
    const source = isTable(entry['source']) ? entry['source'] : undefined;
    if (source && (source['type'] === 'directory' || source['type'] === 'file')) continue;
    const files = (Array.isArray(entry['files']) ? entry['files'] : []).filter(isTable);
    const sdist = files.find((artifact) => typeof artifact['file'] === 'string' && /\.(tar\.gz|zip)$/.test(artifact['file']));
    const only = files.length === 1 ? files[0] : undefined;
    const hashes = sdist ? hashFromPrefixedHex(sdist['hash']) : only ? hashFromPrefixedHex(only['hash']) : [];
    const key = `${name}@${version}`;
    const group = entry['category'];
    const groups = entry['groups'];
    const dev = group === 'dev' || (Array.isArray(groups) && groups.length > 0 && !groups.includes('main'));
    packages.set(key, { ecosystem: 'pypi', name, version, hashes, dependencies: [], scope: dev ? 'dev' : entry['optional'] === true ? 'optional' : 'required' });
    dependencyNames.set(key, isTable(entry['dependencies']) ? Object.keys(entry['dependencies']).map(normalizePythonName) : []);
  }
  const byName = keysByName(packages);
  for (const [key, locked] of packages) locked.dependencies = resolveNames(dependencyNames.get(key) ?? [], byName);
  const direct = directNames ? resolveNames(directNames.map(normalizePythonName), byName) : undefined;
  return { file, kind: 'poetry.lock', packages, direct };
}

/** Pinned lines only (`name==1.0`, `name[extra]===1.0 ; marker`, `--hash=sha256:…`); ranges are not locks. */
export function readRequirements(text: string, file: string): LockfileContents {
  const packages = new Map<string, LockedPackage>();
  const logical = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of logical) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-')) continue;
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*(?:;[^-]*)?(.*)$/.exec(line);
    if (!match || match[2]!.includes('*')) continue;
    const name = normalizePythonName(match[1]!);
    const version = match[2]!;
    const hashes: Array<readonly [HashAlgorithmName, string]> = [];
    for (const option of match[3]!.matchAll(/--hash[=\s]+(\S+)/g)) {
      for (const hash of hashFromPrefixedHex(option[1])) if (!hashes.some(([algorithm]) => algorithm === hash[0])) hashes.push(hash);
    }
    packages.set(`${name}@${version}`, { ecosystem: 'pypi', name, version, hashes, dependencies: [], scope: 'required' });
  }
  return { file, kind: 'requirements.txt', packages, direct: undefined };
}

/** Whether a requirements file pins anything (an unpinned one is a manifest, not a lock). */
export function hasPins(text: string): boolean {
  return readRequirements(text, '').packages.size > 0;
}

function keysByName(packages: Map<string, LockedPackage>): Map<string, string> {
  const byName = new Map<string, string>();
  for (const [key, locked] of packages) if (!byName.has(locked.name)) byName.set(locked.name, key);
  return byName;
}

function resolveNames(names: readonly string[], byName: Map<string, string>): string[] {
  return [...new Set(names.map((name) => byName.get(name)).filter((key): key is string => key !== undefined))];
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
