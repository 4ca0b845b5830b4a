/**
 * Finds the MCP client configurations of the workspace folders and of the user's home, for the
 * "MCP Servers" view. Read-only: missing or unreadable files and folders are skipped silently, and
 * a path whose real location leaves its root (the home, or the workspace folder) is not read.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isPathIncluded } from '../analyzer/file-filter';
import { detectFileKind, MCP_CLIENT_NAMES, type FileKind, type McpClient } from '../analyzer/file-kind';
import { readSourceFile } from './read-source-file';

export type ConfigScope = 'workspace' | 'user';

export type McpConfigKind = Extract<FileKind, { target: 'mcp-config' }>;

export interface DiscoveredConfig {
  path: string;
  /** `~/.cursor/mcp.json`, or the path relative to its workspace folder. */
  displayPath: string;
  scope: ConfigScope;
  /** The workspace folder (workspace scope) or the home (user scope). */
  root: string;
  kind: McpConfigKind;
  text: string;
}

export interface DiscoveryOptions {
  workspaceFolders: readonly string[];
  /** The user's home; undefined skips user configurations. */
  home: string | undefined;
  platform: NodeJS.Platform;
  /** Globs (relative to each folder) never walked, e.g. the `mcpWarden.exclude` defaults. */
  exclude?: readonly string[];
  maxFileSizeKb?: number;
  /** Stops a walk of a huge workspace; the configurations found so far are kept. */
  maxEntriesPerFolder?: number;
}

export const CLIENT_LABELS: Record<McpClient, string> = { ...MCP_CLIENT_NAMES, generic: 'Other (mcpServers)' };

/** Folders a workspace walk never enters: dependencies, VCS data, build output, virtualenvs, caches. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', '.venv', 'venv', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.next', 'coverage', 'target']);
const MAX_DEPTH = 8;

/** A text with every servers key, so that a path-only question "could this be a configuration?" can be asked of detectFileKind. */
const PROBE_TEXT = '{"servers":{},"mcpServers":{},"context_servers":{}}';

/** Whether the analyzer would treat a file at this path as an MCP configuration for some content. */
export function isConfigCandidate(path: string): boolean {
  return detectFileKind(path, PROBE_TEXT)?.target === 'mcp-config';
}

/** The per-user application-data folder, relative to the home, where desktop apps keep settings. */
function appDataOf(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Library/Application Support';
  if (platform === 'win32') return 'AppData/Roaming';
  return '.config';
}

/**
 * Where MCP clients keep per-user configurations, relative to the home (`/`-separated). A trailing
 * `/*` lists a folder: every file in it (VS Code profiles, Continue blocks) is a candidate.
 */
export function userConfigLocations(platform: NodeJS.Platform): string[] {
  const appData = appDataOf(platform);
  const vsCodeUsers = ['Code', 'Code - Insiders', 'VSCodium'].map((product) => `${appData}/${product}/User`);
  return [
    ...vsCodeUsers.flatMap((user) => [`${user}/mcp.json`, `${user}/profiles/*/mcp.json`, `${user}/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json`]),
    '.cursor/mcp.json',
    `${appData}/Claude/claude_desktop_config.json`,
    '.codeium/windsurf/mcp_config.json',
    '.cline/data/settings/cline_mcp_settings.json',
    '.gemini/settings.json',
    '.codex/config.toml',
    '.continue/config.yaml',
    '.continue/config.yml',
    '.continue/mcpServers/*',
    platform === 'win32' ? `${appData}/Zed/settings.json` : '.config/zed/settings.json',
  ];
}

function isInside(path: string, root: string): boolean {
  const relation = relative(root, path);
  return relation === '' || (!relation.startsWith('..') && !relation.includes(':') && !relation.startsWith(sep));
}

/** The real path when it stays inside `realRoot` (symlinks are not followed out); undefined otherwise or when missing. */
async function containedRealPath(path: string, realRoot: string): Promise<string | undefined> {
  try {
    const real = await realpath(path);
    return isInside(real, realRoot) ? real : undefined;
  } catch {
    return undefined;
  }
}

async function listFiles(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory, { withFileTypes: true })).filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => join(directory, entry.name));
  } catch {
    return [];
  }
}

/** Expands `a/*\/b` patterns (one `*` segment at most per level) under `home`. */
async function expand(home: string, pattern: string): Promise<string[]> {
  const segments = pattern.split('/');
  let paths = [home];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment !== '*') {
      paths = paths.map((path) => join(path, segment));
      continue;
    }
    const next: string[] = [];
    for (const path of paths) {
      if (last) next.push(...(await listFiles(path)));
      else {
        try {
          for (const entry of await readdir(path, { withFileTypes: true })) if (entry.isDirectory()) next.push(join(path, entry.name));
        } catch {
          // A missing or unreadable folder holds nothing.
        }
      }
    }
    paths = next;
  }
  return paths;
}

async function readConfig(path: string, realRoot: string, maxFileSizeKb: number): Promise<{ kind: McpConfigKind; text: string } | undefined> {
  const real = await containedRealPath(path, realRoot);
  if (!real) return undefined;
  try {
    if (!(await lstat(real)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const read = await readSourceFile(real, maxFileSizeKb);
  if (!read.ok) return undefined;
  // The kind comes from the path as configured (e.g. `.cursor/mcp.json`), the content decides the rest.
  const kind = detectFileKind(path, read.text);
  return kind?.target === 'mcp-config' ? { kind, text: read.text } : undefined;
}

/** Configurations in the user's home, in the order of `userConfigLocations`. */
export async function discoverUserConfigs(home: string, platform: NodeJS.Platform, maxFileSizeKb = 1024): Promise<DiscoveredConfig[]> {
  let realHome: string;
  try {
    realHome = await realpath(home);
  } catch {
    return [];
  }
  const found: DiscoveredConfig[] = [];
  const seen = new Set<string>();
  for (const pattern of userConfigLocations(platform)) {
    for (const path of await expand(home, pattern)) {
      if (seen.has(path) || !isConfigCandidate(path)) continue;
      seen.add(path);
      const config = await readConfig(path, realHome, maxFileSizeKb);
      if (config) found.push({ path, displayPath: `~/${relative(home, path).split(sep).join('/')}`, scope: 'user', root: home, ...config });
    }
  }
  return found;
}

/** Configurations under one workspace folder, found by a bounded walk that skips dependencies and build output. */
export async function discoverWorkspaceConfigs(folder: string, options: Pick<DiscoveryOptions, 'exclude' | 'maxFileSizeKb' | 'maxEntriesPerFolder'> = {}): Promise<DiscoveredConfig[]> {
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    return [];
  }
  const exclude = options.exclude ?? [];
  let budget = options.maxEntriesPerFolder ?? 50_000;
  const candidates: string[] = [];
  const visit = async (directory: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (--budget < 0) return;
      const path = join(directory, entry.name);
      const relativePath = relative(folder, path).split(sep).join('/');
      // Symlinked folders are not followed: they loop, and they lead out of the project.
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRECTORIES.has(entry.name) && isPathIncluded(relativePath, [], exclude)) await visit(path, depth + 1);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isConfigCandidate(path) && isPathIncluded(relativePath, [], exclude)) {
        candidates.push(path);
      }
    }
  };
  await visit(folder, 0);
  const found: DiscoveredConfig[] = [];
  for (const path of candidates) {
    const config = await readConfig(path, realFolder, options.maxFileSizeKb ?? 1024);
    if (config) found.push({ path, displayPath: relative(folder, path).split(sep).join('/'), scope: 'workspace', root: folder, ...config });
  }
  return found;
}

/** Every configuration of the workspace folders, then of the home; a file seen twice (home opened as a folder) is listed once, as workspace. */
export async function discoverConfigs(options: DiscoveryOptions): Promise<DiscoveredConfig[]> {
  const all: DiscoveredConfig[] = [];
  for (const folder of options.workspaceFolders) all.push(...(await discoverWorkspaceConfigs(folder, options)));
  if (options.home) {
    const inWorkspace = new Set(all.map((config) => config.path));
    all.push(...(await discoverUserConfigs(options.home, options.platform, options.maxFileSizeKb)).filter((config) => !inWorkspace.has(config.path)));
  }
  return all;
}
