/** pnpm-lock.yaml, lockfile versions 5.x (`/name/1.0.0`), 6.x (`/name@1.0.0`) and 9.x (`packages` + `snapshots`). */
import { parse } from 'yaml';
import { hashesFromIntegrity } from './hashes';
import { LockfileError, type LockedPackage, type LockfileContents } from './types';

type YamlMap = Record<string, unknown>;

export function readPnpmLock(text: string, file: string): LockfileContents {
  let lock: unknown;
  try {
    lock = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new LockfileError(`not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (!isMap(lock)) throw new LockfileError('not a pnpm lockfile');
  const lockfileVersion = lock['lockfileVersion'];
  const major = typeof lockfileVersion === 'number' ? lockfileVersion : typeof lockfileVersion === 'string' ? Number.parseFloat(lockfileVersion) : 0;
  const legacy = major < 6;
  const packagesField = isMap(lock['packages']) ? lock['packages'] : {};
  const snapshots = isMap(lock['snapshots']) ? lock['snapshots'] : undefined;

  const packages = new Map<string, LockedPackage>();
  const keyOf = (name: string, reference: unknown): string | undefined => {
    if (typeof reference !== 'string' && typeof reference !== 'number') return undefined;
    const text = String(reference);
    if (/^(link|file|workspace):/.test(text)) return undefined;
    if (text.startsWith('/')) return parseKey(text, legacy)?.key;
    // An alias's reference is `real-name@1.0.0`; otherwise it is the version (with a peer suffix).
    const bare = stripPeers(text, legacy);
    const at = bare.lastIndexOf('@');
    return at > 0 ? bare : `${name}@${bare}`;
  };

  for (const [rawKey, value] of Object.entries(packagesField)) {
    const parsed = parseKey(rawKey, legacy);
    if (!parsed || !isMap(value)) continue;
    const resolution = isMap(value['resolution']) ? value['resolution'] : {};
    const name = typeof value['name'] === 'string' ? value['name'] : parsed.name;
    const version = typeof value['version'] === 'string' ? value['version'] : parsed.version;
    const existing = packages.get(parsed.key);
    const locked: LockedPackage = existing ?? {
      ecosystem: 'npm',
      name,
      version,
      hashes: hashesFromIntegrity(resolution['integrity']),
      dependencies: [],
      scope: value['dev'] === true ? 'dev' : value['optional'] === true ? 'optional' : 'required',
    };
    if (!snapshots) locked.dependencies.push(...dependencyKeys(value, keyOf));
    packages.set(parsed.key, locked);
  }
  // 9.x keeps the graph in `snapshots`, one entry per peer-dependency variant.
  if (snapshots) {
    for (const [rawKey, value] of Object.entries(snapshots)) {
      const parsed = parseKey(rawKey, false);
      const locked = parsed ? packages.get(parsed.key) : undefined;
      if (locked && isMap(value)) locked.dependencies.push(...dependencyKeys(value, keyOf));
    }
  }
  for (const locked of packages.values()) locked.dependencies = [...new Set(locked.dependencies)].filter((key) => packages.has(key));

  const importers = isMap(lock['importers']) ? lock['importers'] : undefined;
  const rootImporter = importers ? importers['.'] : lock;
  const direct = isMap(rootImporter)
    ? [...new Set(dependencyKeys(rootImporter, keyOf, true))].filter((key) => packages.has(key))
    : undefined;
  return { file, kind: 'pnpm-lock.yaml', packages, direct };
}

function dependencyKeys(value: YamlMap, keyOf: (name: string, reference: unknown) => string | undefined, includeDev = false): string[] {
  const keys: string[] = [];
  const fields = ['dependencies', 'optionalDependencies', ...(includeDev ? ['devDependencies'] : [])];
  for (const field of fields) {
    const dependencies = value[field];
    if (!isMap(dependencies)) continue;
    for (const [name, reference] of Object.entries(dependencies)) {
      // Importers (6.x and 9.x) give `{ specifier, version }`; packages give the version directly.
      const key = keyOf(name, isMap(reference) ? reference['version'] : reference);
      if (key) keys.push(key);
    }
  }
  return keys;
}

/** `/@scope/name@1.0.0(peer@2.0.0)`, `name@1.0.0`, legacy `/name/1.0.0_peer@2.0.0`. */
function parseKey(rawKey: string, legacy: boolean): { key: string; name: string; version: string } | undefined {
  let key = rawKey.startsWith('/') ? rawKey.slice(1) : rawKey;
  let name: string;
  let version: string;
  if (legacy) {
    const slash = key.lastIndexOf('/');
    if (slash <= 0) return undefined;
    name = key.slice(0, slash);
    version = stripPeers(key.slice(slash + 1), true);
  } else {
    key = stripPeers(key, false);
    const at = key.lastIndexOf('@');
    if (at <= 0) return undefined;
    name = key.slice(0, at);
    version = key.slice(at + 1);
  }
  if (!name || !version || /^(link|file|workspace):/.test(version)) return undefined;
  return { key: `${name}@${version}`, name, version };
}

function stripPeers(version: string, legacy: boolean): string {
  const paren = version.indexOf('(');
  const trimmed = paren >= 0 ? version.slice(0, paren) : version;
  return legacy ? trimmed.replace(/_.*$/, '') : trimmed;
}

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
