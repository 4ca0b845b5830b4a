import { readdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** Manifests whose rules ask which files lie beside them (a lockfile may sit in a parent folder of a workspace package). */
const NEEDS_SIBLINGS = new Set(['package.json', 'pyproject.toml']);
const MAX_LEVELS = 6;

/**
 * Names of the files beside `path` and in its parent folders up to `root` (inclusive), for the
 * manifest rules' lockfile check; undefined for other files. Unreadable folders are skipped.
 */
export function siblingFilesOf(path: string, root: string | undefined): string[] | undefined {
  if (!NEEDS_SIBLINGS.has(basename(path))) return undefined;
  const stop = root ? resolve(root) : undefined;
  const names = new Set<string>();
  let directory = dirname(resolve(path));
  for (let level = 0; level < MAX_LEVELS; level++) {
    try {
      for (const entry of readdirSync(directory, { withFileTypes: true })) if (entry.isFile()) names.add(entry.name);
    } catch {
      // A folder we cannot list tells nothing; the check then reports nothing it cannot see.
    }
    if (directory === stop || dirname(directory) === directory || (stop !== undefined && !directory.startsWith(stop))) break;
    directory = dirname(directory);
  }
  return [...names];
}
