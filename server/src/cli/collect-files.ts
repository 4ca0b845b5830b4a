import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { isPathIncluded } from '../analyzer/file-filter';
import { isDockerfileName } from '../analyzer/file-kind';

/** Folders never worth scanning: dependencies, VCS data, build output, virtualenvs and caches. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', '.venv', 'venv', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.next', 'coverage']);

const CODE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx|py)$/i;
const CONFIG_NAMES = new Set(['mcp.json', '.mcp.json', 'claude_desktop_config.json', 'mcp_config.json', 'cline_mcp_settings.json']);
/** Client configurations known by folder: Codex TOML, Continue YAML, Gemini CLI and Zed settings. */
const CLIENT_CONFIG_PATH = /(?:^|\/)(?:\.codex\/config\.toml|\.continue\/(?:mcpServers\/[^/]+\.(?:ya?ml|json)|config\.ya?ml)|\.gemini\/settings\.json|\.zed\/settings\.json)$/i;
/** Dependency manifests, lockfiles and VS Code tasks (the supply-chain rules). */
const MANIFEST_NAMES = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'pyproject.toml', 'uv.lock', 'poetry.lock']);
const MANIFEST_PATH = /(?:^|\/)(?:requirements[\w.-]*\.(?:txt|in)|requirements\/[^/]+\.(?:txt|in)|\.vscode\/tasks\.json)$/i;
/** Saved `tools/list` results found by walking (any named JSON file is still checked by shape). */
const TOOL_LIST_NAME = /(?:^|[._-])tools(?:[._-]list)?\.json$/i;

/** Whether a file name could hold something MCP Warden analyzes (checked before reading it). */
export function isCandidateFile(path: string): boolean {
  const name = basename(path);
  return (
    (CODE_EXTENSION.test(name) && !/\.d\.[cm]?ts$/i.test(name)) ||
    CONFIG_NAMES.has(name.toLowerCase()) ||
    CLIENT_CONFIG_PATH.test(path.split(sep).join('/')) ||
    TOOL_LIST_NAME.test(name) ||
    MANIFEST_NAMES.has(name.toLowerCase()) ||
    MANIFEST_PATH.test(path.split(sep).join('/')) ||
    isDockerfileName(name)
  );
}

export interface CollectOptions {
  cwd: string;
  include: readonly string[];
  /** The user's globs: they apply to named files too. */
  exclude: readonly string[];
  /** Built-in globs (dependencies, build output): only for files found by walking. */
  defaultExclude: readonly string[];
}

export function toRelative(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/') || basename(path);
}

/**
 * Files to analyze under the given paths, sorted. What the user names is taken as meant: a named
 * file is analyzed even in a folder the walk skips and a named symlink to a folder is followed;
 * only the user's own `--exclude` globs still apply.
 */
export function collectFiles(paths: readonly string[], options: CollectOptions): string[] {
  const found = new Set<string>();
  const walkExclude = [...options.defaultExclude, ...options.exclude];
  const visit = (directory: string) => {
    if (existsSync(join(directory, 'pyvenv.cfg'))) return;
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      // Symlinked folders are not followed: they loop, and they lead out of the project.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && isPathIncluded(toRelative(options.cwd, path), [], walkExclude)) visit(path);
      } else if (entry.isFile() && isCandidateFile(path) && isPathIncluded(toRelative(options.cwd, path), options.include, walkExclude)) {
        found.add(path);
      }
    }
  };
  for (const path of paths) {
    if (statSync(path).isDirectory()) visit(path);
    else if (isPathIncluded(toRelative(options.cwd, path), [], options.exclude)) found.add(path);
  }
  return [...found].sort();
}
