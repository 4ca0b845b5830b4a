/**
 * yarn.lock: the v1 text format (best effort), and Yarn 2+ ("berry") lockfiles, which are YAML.
 * Berry checksums hash Yarn's own zip archives, not the registry tarball, so they are not reported.
 */
import { parse } from 'yaml';
import { hashesFromIntegrity } from './hashes';
import { LockfileError, type LockedPackage, type LockfileContents } from './types';

interface Entry {
  specifiers: string[];
  fields: Map<string, string>;
  dependencies: Array<[string, string]>;
}

/** `directDependencies`: name → range from the project's package.json (yarn.lock does not record them). */
export function readYarnLock(text: string, file: string, directDependencies?: ReadonlyArray<readonly [string, string]>): LockfileContents {
  const entries = /^__metadata:/m.test(text) ? berryEntries(text) : classicEntries(text);
  const bySpecifier = new Map<string, string>();
  const packages = new Map<string, LockedPackage>();
  for (const entry of entries) {
    const version = entry.fields.get('version');
    const first = entry.specifiers[0];
    if (!version || !first) continue;
    const resolution = entry.fields.get('resolution');
    if (resolution && /@(workspace|link|portal|file|patch):/.test(resolution) && !/@patch:.*npm%3A/.test(resolution)) continue;
    const name = realName(resolution ?? first) ?? splitSpecifier(first)?.[0];
    if (!name) continue;
    const key = `${name}@${version}`;
    for (const specifier of entry.specifiers) bySpecifier.set(normaliseSpecifier(specifier), key);
    const existing = packages.get(key);
    const dependencies = entry.dependencies.map(([dependency, range]) => `${dependency}@${range}`);
    if (existing) {
      existing.dependencies.push(...dependencies);
      continue;
    }
    packages.set(key, { ecosystem: 'npm', name, version, hashes: hashesFromIntegrity(entry.fields.get('integrity')), dependencies, scope: 'required' });
  }
  for (const locked of packages.values()) {
    locked.dependencies = [...new Set(locked.dependencies.map((specifier) => bySpecifier.get(normaliseSpecifier(specifier))).filter((key): key is string => key !== undefined))];
  }
  const direct = directDependencies
    ?.map(([name, range]) => bySpecifier.get(normaliseSpecifier(`${name}@${range}`)))
    .filter((key): key is string => key !== undefined);
  return { file, kind: 'yarn.lock', packages, direct: direct ? [...new Set(direct)] : undefined };
}

function classicEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  let current: Entry | undefined;
  let inDependencies = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      if (!line.endsWith(':')) throw new LockfileError(`unexpected line in yarn.lock: ${line.slice(0, 60)}`);
      current = { specifiers: splitList(line.slice(0, -1)), fields: new Map(), dependencies: [] };
      entries.push(current);
      inDependencies = false;
      continue;
    }
    if (!current) continue;
    const trimmed = line.trim();
    if (indent <= 2) {
      inDependencies = trimmed === 'dependencies:' || trimmed === 'optionalDependencies:';
      if (trimmed.endsWith(':')) continue;
      const [key, value] = keyValue(trimmed);
      if (key) current.fields.set(key, value);
    } else if (inDependencies) {
      const [key, value] = keyValue(trimmed);
      if (key) current.dependencies.push([key, value]);
    }
  }
  return entries;
}

function berryEntries(text: string): Entry[] {
  let lock: unknown;
  try {
    lock = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new LockfileError(`not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (typeof lock !== 'object' || lock === null) throw new LockfileError('not a yarn lockfile');
  const entries: Entry[] = [];
  for (const [key, value] of Object.entries(lock as Record<string, unknown>)) {
    if (key === '__metadata' || typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    const fields = new Map<string, string>();
    for (const field of ['version', 'resolution']) if (typeof record[field] === 'string') fields.set(field, record[field]);
    const dependencies: Array<[string, string]> = [];
    for (const field of ['dependencies', 'optionalDependencies']) {
      const map = record[field];
      if (typeof map === 'object' && map !== null) for (const [name, range] of Object.entries(map as Record<string, unknown>)) dependencies.push([name, String(range)]);
    }
    entries.push({ specifiers: splitList(key), fields, dependencies });
  }
  return entries;
}

/** `"@scope/a@^1.0.0", a@~1.2` → specifiers without quotes. */
function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim().replace(/^"|"$/g, ''))
    .filter((part) => part.length > 0);
}

function keyValue(text: string): [string, string] {
  const match = /^("(?:[^"\\]|\\.)*"|\S+)\s+(.*)$/.exec(text);
  if (!match) return ['', ''];
  return [match[1]!.replace(/^"|"$/g, ''), match[2]!.trim().replace(/^"|"$/g, '')];
}

function splitSpecifier(specifier: string): [string, string] | undefined {
  const at = specifier.indexOf('@', 1);
  return at > 0 ? [specifier.slice(0, at), specifier.slice(at + 1)] : undefined;
}

/** `name@npm:1.2.3` (berry resolution) or `alias@npm:real@^1` (classic alias) → the registry name. */
function realName(specifier: string): string | undefined {
  const split = splitSpecifier(specifier);
  if (!split) return undefined;
  const [name, range] = split;
  const aliased = /^npm:((?:@[^@/]+\/)?[^@]+)@/.exec(range);
  return aliased ? aliased[1] : name;
}

/** Berry writes `name@npm:^1.0.0` where dependencies say `^1.0.0` (or `npm:^1.0.0`). */
function normaliseSpecifier(specifier: string): string {
  const split = splitSpecifier(specifier);
  if (!split) return specifier;
  return `${split[0]}@${split[1].replace(/^npm:(?=[^@]*$)/, '')}`;
}
