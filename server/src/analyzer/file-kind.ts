import type { ConfigSyntax } from './config/config-model';
import type { ManifestFormat } from './manifest/manifest-model';
import { looksLikeToolList } from './mcp/tool-metadata';

/**
 * Rule targets: the syntaxes a rule knows how to check. `tool-metadata` rules read the tools,
 * prompts and server instructions declared in code or listed in a saved `tools/list` result.
 */
export type RuleTarget = 'js-ts' | 'python' | 'mcp-config' | 'dockerfile' | 'tool-metadata' | 'manifest';

export type CodeLanguage = 'typescript' | 'tsx' | 'javascript' | 'python';

/** MCP clients whose configuration files MCP Warden recognises. */
export type McpClient = 'vscode' | 'claude-code' | 'claude-desktop' | 'cursor' | 'windsurf' | 'cline' | 'gemini' | 'zed' | 'codex' | 'continue' | 'generic';

/** How each named client calls itself, for messages and views. */
export const MCP_CLIENT_NAMES: Readonly<Record<Exclude<McpClient, 'generic'>, string>> = {
  vscode: 'VS Code',
  'claude-code': 'Claude Code',
  'claude-desktop': 'Claude Desktop',
  cursor: 'Cursor',
  windsurf: 'Windsurf',
  cline: 'Cline',
  gemini: 'Gemini CLI',
  zed: 'Zed',
  codex: 'Codex',
  continue: 'Continue',
};

/**
 * `vscode`: `{ servers, inputs }`, JSONC, `${input:…}` variables.
 * `mcp-servers`: `{ mcpServers }` as used by Claude, Cursor, Windsurf, Cline, Gemini CLI and VS Code's portable `.mcp.json`.
 * `zed`: `{ context_servers }` in Zed's settings. `codex`: `[mcp_servers.<name>]` TOML tables.
 * `continue`: a YAML `mcpServers` list.
 */
export type McpConfigFormat = 'vscode' | 'mcp-servers' | 'zed' | 'codex' | 'continue';

export type FileKind =
  | { target: 'js-ts'; language: 'typescript' | 'tsx' | 'javascript'; lineComment: '//' }
  | { target: 'python'; language: 'python'; lineComment: '#' }
  | { target: 'mcp-config'; format: McpConfigFormat; client: McpClient; syntax: ConfigSyntax; lineComment: '//' | '#' | undefined }
  | { target: 'dockerfile'; lineComment: '#' }
  | { target: 'manifest'; format: ManifestFormat; lineComment: '//' | '#' | undefined }
  | { target: 'tool-list'; lineComment: undefined };

const DOCKERFILE: FileKind = { target: 'dockerfile', lineComment: '#' };
const TOOL_LIST: FileKind = { target: 'tool-list', lineComment: undefined };

/** The rule targets that apply to a kind of file. */
export function targetsOf(kind: FileKind): readonly RuleTarget[] {
  switch (kind.target) {
    case 'js-ts':
    case 'python':
      return [kind.target, 'tool-metadata'];
    case 'tool-list':
      return ['tool-metadata'];
    default:
      return [kind.target];
  }
}

/**
 * Dockerfile names as VS Code's built-in `dockerfile` language knows them: `Dockerfile`,
 * `Containerfile`, `Dockerfile.*`, `Containerfile.*`, `*.dockerfile`, `*.containerfile` (any case).
 */
export function isDockerfileName(base: string): boolean {
  const lower = base.toLowerCase();
  // `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not a Dockerfile.
  if (lower.endsWith('.dockerignore')) return false;
  return /^(?:docker|container)file(?:\..+)?$/.test(lower) || /.\.(?:docker|container)file$/.test(lower);
}

const CODE_EXTENSIONS: Record<string, FileKind> = {
  '.ts': { target: 'js-ts', language: 'typescript', lineComment: '//' },
  '.mts': { target: 'js-ts', language: 'typescript', lineComment: '//' },
  '.cts': { target: 'js-ts', language: 'typescript', lineComment: '//' },
  '.tsx': { target: 'js-ts', language: 'tsx', lineComment: '//' },
  '.js': { target: 'js-ts', language: 'javascript', lineComment: '//' },
  '.mjs': { target: 'js-ts', language: 'javascript', lineComment: '//' },
  '.cjs': { target: 'js-ts', language: 'javascript', lineComment: '//' },
  '.jsx': { target: 'js-ts', language: 'javascript', lineComment: '//' },
  '.py': { target: 'python', language: 'python', lineComment: '#' },
};

const LANGUAGE_IDS: Record<string, string> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
  python: '.py',
};

/**
 * Decides how a file is analyzed, from its path (and, for an ambiguous `mcp.json`, its content).
 * `languageId` is the editor's language for documents without a meaningful path (untitled).
 */
export function detectFileKind(path: string, text: string, languageId?: string): FileKind | undefined {
  const normalized = path.replace(/\\/g, '/');
  const lower = normalized.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return undefined;
  const manifest = detectManifest(lower, base, languageId);
  if (manifest) return manifest;
  const dot = base.lastIndexOf('.');
  const extension = dot >= 0 ? base.slice(dot) : '';
  const byExtension = CODE_EXTENSIONS[extension];
  if (byExtension) return byExtension;
  if (extension === '.json' || extension === '.jsonc') return detectMcpConfig(lower, base, text) ?? (looksLikeToolList(text) ? TOOL_LIST : undefined);
  if (extension === '.toml' && /(?:^|\/)\.?codex\/config\.toml$/.test(lower)) return { target: 'mcp-config', format: 'codex', client: 'codex', syntax: 'toml', lineComment: '#' };
  if ((extension === '.yaml' || extension === '.yml') && /(?:^|\/)\.continue\/(?:mcpservers\/[^/]+|config\.ya?ml)$/.test(lower)) {
    return { target: 'mcp-config', format: 'continue', client: 'continue', syntax: 'yaml', lineComment: '#' };
  }
  if (isDockerfileName(base) || languageId === 'dockerfile') return DOCKERFILE;
  const fromLanguage = languageId ? LANGUAGE_IDS[languageId] : undefined;
  return fromLanguage ? CODE_EXTENSIONS[fromLanguage] : undefined;
}

/**
 * Project files around the server code: dependency manifests and lockfiles (npm and Python) and
 * VS Code's `.vscode/tasks.json`. Lockfiles and package.json take no comments.
 */
function detectManifest(lowerPath: string, base: string, languageId: string | undefined): FileKind | undefined {
  const manifest = (format: ManifestFormat, lineComment: '//' | '#' | undefined): FileKind => ({ target: 'manifest', format, lineComment });
  switch (base) {
    case 'package.json':
      return manifest('package-json', undefined);
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return manifest('package-lock', undefined);
    case 'pnpm-lock.yaml':
      return manifest('pnpm-lock', undefined);
    case 'yarn.lock':
      return manifest('yarn-lock', undefined);
    case 'pyproject.toml':
      return manifest('pyproject', '#');
    case 'uv.lock':
      return manifest('uv-lock', undefined);
    case 'poetry.lock':
      return manifest('poetry-lock', undefined);
    case 'tasks.json':
      return /(?:^|\/)\.vscode\/tasks\.json$/.test(lowerPath) ? manifest('vscode-tasks', '//') : undefined;
    default:
      if (/^requirements[\w.-]*\.(?:txt|in)$/.test(base) || /(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/.test(lowerPath) || languageId === 'pip-requirements') return manifest('requirements', '#');
      return undefined;
  }
}

function detectMcpConfig(lowerPath: string, base: string, text: string): FileKind | undefined {
  const parent = (segmentsFromEnd: number) => lowerPath.split('/').slice(-1 - segmentsFromEnd, -1).join('/');
  const json = (format: McpConfigFormat, client: McpClient, lineComment: '//' | undefined = undefined): FileKind => ({ target: 'mcp-config', format, client, syntax: 'json', lineComment });
  if (base === '.mcp.json') return json('mcp-servers', 'claude-code');
  if (base === 'cline_mcp_settings.json') return json('mcp-servers', 'cline');
  if (base === 'settings.json' && parent(1) === '.gemini' && /"mcpServers"\s*:/.test(text)) return json('mcp-servers', 'gemini', '//');
  if (base === 'settings.json' && (parent(1) === '.zed' || parent(1) === 'zed') && /"context_servers"\s*:/.test(text)) return json('zed', 'zed', '//');
  if (parent(2) === '.continue/mcpservers' && /"mcpServers"\s*:/.test(text)) return json('mcp-servers', 'continue');
  if (base === 'claude_desktop_config.json') {
    return json('mcp-servers', 'claude-desktop');
  }
  if (base === 'mcp_config.json' && parent(1) === 'windsurf') {
    return json('mcp-servers', 'windsurf');
  }
  if (base !== 'mcp.json') return undefined;
  if (parent(1) === '.cursor') return json('mcp-servers', 'cursor');
  // VS Code's workspace (.vscode/mcp.json) and profile (User/mcp.json) files are JSONC with `servers`;
  // any other mcp.json is classified by its top-level key.
  const isVsCodeLocation = parent(1) === '.vscode' || parent(1) === 'user' || parent(3).startsWith('user/profiles/');
  if (isVsCodeLocation || /"servers"\s*:/.test(text)) {
    return json('vscode', 'vscode', '//');
  }
  if (/"mcpServers"\s*:/.test(text)) return json('mcp-servers', 'generic');
  return undefined;
}

const JS_TEST_PATH = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|fixtures?)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/i;
const PY_TEST_PATH = /(?:^|\/)(?:tests?|fixtures?)\/|(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$/i;

/** Whether a path looks like test code (test folders, `*.test.ts`, `test_*.py`, fixtures). */
export function isTestPath(path: string, target: RuleTarget): boolean {
  const normalized = path.replace(/\\/g, '/');
  return (target === 'python' ? PY_TEST_PATH : JS_TEST_PATH).test(normalized);
}
