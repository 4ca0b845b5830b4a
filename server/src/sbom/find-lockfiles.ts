import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { hasPins } from './python-lock';
import type { LockfileKind } from './types';

/** Folders never searched: installed packages, VCS data, virtual environments, build output. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '.tox', '.nox', '__pycache__', '.pnpm-store', '.yarn', 'dist', 'build', 'out', 'site-packages']);
const MAX_DEPTH = 6;
const MAX_FILES = 200;

export interface FoundLockfile {
  /** Relative to the searched folder, forward slashes. */
  file: string;
  kind: LockfileKind;
}

const NAMES: Record<string, LockfileKind> = {
  'package-lock.json': 'package-lock.json',
  'npm-shrinkwrap.json': 'package-lock.json',
  'pnpm-lock.yaml': 'pnpm-lock.yaml',
  'yarn.lock': 'yarn.lock',
  'uv.lock': 'uv.lock',
  'poetry.lock': 'poetry.lock',
};

/** Lockfiles under `root`, shallowest first; requirements files count only when they pin versions. */
export function findLockfiles(root: string): FoundLockfile[] {
  const found: FoundLockfile[] = [];
  const visit = (folder: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    const names = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
    for (const entry of entries) {
      if (!entry.isFile() || found.length >= MAX_FILES) continue;
      const path = join(folder, entry.name);
      const file = relative(root, path).split(sep).join('/');
      const kind = NAMES[entry.name];
      // npm prefers npm-shrinkwrap.json when both exist.
      if (kind && !(entry.name === 'package-lock.json' && names.has('npm-shrinkwrap.json'))) found.push({ file, kind });
      else if (/^requirements[\w.-]*\.txt$/i.test(entry.name) && isSmallFile(path) && hasPins(readFileSync(path, 'utf8'))) found.push({ file, kind: 'requirements.txt' });
    }
    if (depth >= MAX_DEPTH) return;
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.isSymbolicLink()) visit(join(folder, entry.name), depth + 1);
    }
  };
  visit(root, 0);
  return found.sort((a, b) => a.file.split('/').length - b.file.split('/').length || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function isSmallFile(path: string): boolean {
  try {
    return statSync(path).size <= 4 * 1024 * 1024;
  } catch {
    return false;
  }
}
