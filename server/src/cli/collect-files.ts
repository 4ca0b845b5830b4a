import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { isPathIncluded } from '../analyzer/file-filter';

/** Folders never worth scanning: dependencies, VCS data, build output, virtualenvs and caches. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', '.venv', 'venv', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.next', 'coverage']);

const CODE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx|py)$/i;
const CONFIG_NAMES = new Set(['mcp.json', '.mcp.json', 'claude_desktop_config.json', 'mcp_config.json']);

/** Whether a file name could hold something MCP Warden analyzes (checked before reading it). */
export function isCandidateFile(path: string): boolean {
  const name = basename(path);
  return (CODE_EXTENSION.test(name) && !/\.d\.[cm]?ts$/i.test(name)) || CONFIG_NAMES.has(name.toLowerCase());
}

export interface CollectOptions {
  cwd: string;
  include: readonly string[];
  exclude: readonly string[];
}

export function toRelative(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/') || basename(path);
}

/**
 * Files to analyze under the given paths, sorted. Explicitly named files are taken even when their
 * name is not a usual candidate; `--exclude` still applies to them.
 */
export function collectFiles(paths: readonly string[], options: CollectOptions): string[] {
  const found = new Set<string>();
  const visit = (directory: string) => {
    if (existsSync(join(directory, 'pyvenv.cfg'))) return;
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      // Symlinked folders are not followed: they loop, and they lead out of the project.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && isPathIncluded(toRelative(options.cwd, path), [], options.exclude)) visit(path);
      } else if (entry.isFile() && isCandidateFile(path) && isPathIncluded(toRelative(options.cwd, path), options.include, options.exclude)) {
        found.add(path);
      }
    }
  };
  for (const path of paths) {
    if (lstatSync(path).isDirectory()) visit(path);
    else if (isPathIncluded(toRelative(options.cwd, path), [], options.exclude)) found.add(path);
  }
  return [...found].sort();
}
