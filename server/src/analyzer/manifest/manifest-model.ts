import type { SourceSpan } from '../config/config-model';
import { KNOWN_NPM_MCP_PACKAGES, KNOWN_PYPI_MCP_PACKAGES, normalizePypiName } from '../config/known-mcp-packages';
import { parseLockfile } from './lockfiles';
import { parsePackageJson, parseVsCodeTasks } from './package-json';
import { parsePyproject, parseRequirements } from './python-manifests';

/**
 * One model of the project files around an MCP server, whatever their syntax: the dependencies a
 * manifest declares or a lockfile locks (each with exact source ranges), npm lifecycle scripts, and
 * VS Code tasks. Supply-chain rules read this model, so one rule covers every format.
 */
export type ManifestFormat = 'package-json' | 'package-lock' | 'pnpm-lock' | 'yarn-lock' | 'pyproject' | 'requirements' | 'uv-lock' | 'poetry-lock' | 'vscode-tasks';

export type Ecosystem = 'npm' | 'pypi';

/**
 * How a requirement is written, which decides how a pinned form looks: npm ranges (`^1.2.3`),
 * PEP 508 specifiers (`>=1.2,<2`), Poetry constraints (`^1.2`), or a version a lockfile records.
 */
export type RequirementSyntax = 'npm' | 'pep508' | 'poetry' | 'locked';

/**
 * `exact`: one version (`1.2.3`, `==1.2.3`, a locked version); `range`: several versions
 * (`^1.2.3`, `>=1.2`, `1.x`, `*`, no version at all); `tag`: a dist-tag that moves (`latest`);
 * `other`: not from the registry (git, URL, local path, `workspace:`, `catalog:`).
 */
export type PinKind = 'exact' | 'range' | 'tag' | 'other';

export interface Dependency {
  ecosystem: Ecosystem;
  /** The package name (for an npm alias `x: npm:real@1`, the real package). */
  name: string;
  /** npm: the name; PyPI: the PEP 503-normalized name. */
  normalizedName: string;
  nameRange: SourceSpan;
  /** The version requirement as written; '' when none is given. */
  requirement: string;
  /** Source range of `requirement` when it maps 1:1 to the text (no escapes); undefined otherwise. */
  requirementRange: SourceSpan | undefined;
  syntax: RequirementSyntax;
  pin: PinKind;
  /** The version when `pin` is `exact`. */
  exactVersion: string | undefined;
  /** Where the exact version sits in the source, for edits that bump it. */
  exactVersionRange: SourceSpan | undefined;
  /** `dependencies`, `devDependencies`, `project.dependencies`, `tool.poetry.dependencies`, `packages`, … */
  section: string;
  /** `declared` in a manifest or `locked` in a lockfile. */
  origin: 'declared' | 'locked';
}

/** An npm lifecycle or user script (`"postinstall": "node setup.js"`). */
export interface PackageScript {
  name: string;
  nameRange: SourceSpan;
  command: string;
  /** The string value, quotes included. */
  range: SourceSpan;
}

/** A string value with its source range (quotes included). */
export interface ManifestString extends SourceSpan {
  value: string;
}

/** One task of `.vscode/tasks.json`, with the per-OS variants merged into `commands`. */
export interface VsCodeTask {
  label: string | undefined;
  /** The task object. */
  range: SourceSpan;
  /** `shell`, `process`, `npm`, … */
  type: string | undefined;
  /** Every command line the task can run: top level and `windows`/`linux`/`osx`, each with its args. */
  commands: Array<{ command: ManifestString; args: ManifestString[]; os: string | undefined }>;
  /** `script` of an npm task. */
  npmScript: ManifestString | undefined;
  /** `runOptions.runOn` when present. */
  runOn: ManifestString | undefined;
  /** The `runOptions` property and the `runOn` property inside it, for removal edits. */
  runOptionsProperty: SourceSpan | undefined;
  runOnProperty: SourceSpan | undefined;
  /** Whether `runOn` is the only key of `runOptions`. */
  runOnAlone: boolean;
}

export interface Manifest {
  format: ManifestFormat;
  dependencies: Dependency[];
  scripts: PackageScript[];
  tasks: VsCodeTask[];
  /** The package's own name (package.json `name`, pyproject `project.name`). */
  packageName: string | undefined;
  /** Comments, for suppression directives. */
  comments: Array<{ text: string; start: number }>;
  /** Syntax problems; what parsed is still in the model. */
  errors: Array<{ message: string; offset: number }>;
}

export function emptyManifest(format: ManifestFormat): Manifest {
  return { format, dependencies: [], scripts: [], tasks: [], packageName: undefined, comments: [], errors: [] };
}

/** Parses a project file of the given format. Throws on TOML syntax errors. */
export function parseManifest(format: ManifestFormat, text: string): Manifest {
  switch (format) {
    case 'package-json':
      return parsePackageJson(text);
    case 'vscode-tasks':
      return parseVsCodeTasks(text);
    case 'pyproject':
      return parsePyproject(text);
    case 'requirements':
      return parseRequirements(text);
    default:
      return parseLockfile(format, text);
  }
}

export function ecosystemOf(format: ManifestFormat): Ecosystem | undefined {
  switch (format) {
    case 'package-json':
    case 'package-lock':
    case 'pnpm-lock':
    case 'yarn-lock':
      return 'npm';
    case 'pyproject':
    case 'requirements':
    case 'uv-lock':
    case 'poetry-lock':
      return 'pypi';
    default:
      return undefined;
  }
}

export function isLockfile(format: ManifestFormat): boolean {
  return format === 'package-lock' || format === 'pnpm-lock' || format === 'yarn-lock' || format === 'uv-lock' || format === 'poetry-lock';
}

const KNOWN_NPM = new Set(KNOWN_NPM_MCP_PACKAGES);
const KNOWN_PYPI = new Set(KNOWN_PYPI_MCP_PACKAGES);

/**
 * MCP packages: the SDKs (`@modelcontextprotocol/*`, PyPI `mcp`, `fastmcp`), the well-known MCP
 * servers and clients, and packages with `mcp` as a word of their name (`mcp-remote`,
 * `@playwright/mcp`, `langchain-mcp-adapters`, `chrome-devtools-mcp`).
 */
export function isMcpPackage(ecosystem: Ecosystem, name: string): boolean {
  if (ecosystem === 'npm') {
    const lower = name.toLowerCase();
    return lower.startsWith('@modelcontextprotocol/') || KNOWN_NPM.has(lower) || /(?:^|[/._-])(?:fast)?mcp(?:$|[._-])/.test(lower);
  }
  const normalized = normalizePypiName(name);
  return KNOWN_PYPI.has(normalized) || /(?:^|-)(?:fast)?mcp(?:$|-)/.test(normalized);
}

/** Whether the manifest belongs to an MCP project: it depends on an MCP SDK, server or client package. */
export function isMcpProject(manifest: Manifest): boolean {
  return manifest.dependencies.some((dependency) => isMcpPackage(dependency.ecosystem, dependency.name));
}
