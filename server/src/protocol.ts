/**
 * The contract between the VS Code client and the language server: settings, custom requests and
 * command ids. The client imports this file and nothing else from the server.
 */
import { NotificationType, RequestType, RequestType0, type Range } from 'vscode-languageserver-protocol';
import type { Severity } from './analyzer/finding';
import type { RuleCustomization, SeverityOverride } from './analyzer/rule-settings';

export const SETTINGS_SECTION = 'mcpWarden';

export type RunMode = 'onType' | 'onSave' | 'off';

/** `mcpWarden.*` settings for one resource, as the server uses them. */
export interface WardenSettings {
  enable: boolean;
  run: RunMode;
  include: string[];
  exclude: string[];
  rules: { customizations: RuleCustomization[] };
  maxFileSizeKb: number;
}

export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/.venv/**', '**/venv/**', '**/__pycache__/**'];

export const DEFAULT_SETTINGS: WardenSettings = {
  enable: true,
  run: 'onType',
  include: [],
  exclude: DEFAULT_EXCLUDE,
  rules: { customizations: [] },
  maxFileSizeKb: 1024,
};

const RUN_MODES: readonly RunMode[] = ['onType', 'onSave', 'off'];
const SEVERITY_OVERRIDES: readonly SeverityOverride[] = ['default', 'error', 'warning', 'info', 'hint', 'off', 'upgrade', 'downgrade'];

function stringArray(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : fallback;
}

/** Settings from any client, with wrong or missing values replaced by defaults. */
export function normalizeSettings(raw: unknown): WardenSettings {
  const value = (raw ?? {}) as Record<string, unknown>;
  const rules = (value.rules ?? {}) as Record<string, unknown>;
  const customizations = Array.isArray(rules.customizations) ? (rules.customizations as unknown[]) : [];
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    run: RUN_MODES.includes(value.run as RunMode) ? (value.run as RunMode) : DEFAULT_SETTINGS.run,
    include: stringArray(value.include, DEFAULT_SETTINGS.include),
    exclude: stringArray(value.exclude, DEFAULT_SETTINGS.exclude),
    rules: {
      customizations: customizations.filter(
        (entry): entry is RuleCustomization =>
          typeof entry === 'object' &&
          entry !== null &&
          typeof (entry as RuleCustomization).rule === 'string' &&
          SEVERITY_OVERRIDES.includes((entry as RuleCustomization).severity),
      ),
    },
    maxFileSizeKb: typeof value.maxFileSizeKb === 'number' && value.maxFileSizeKb > 0 ? value.maxFileSizeKb : DEFAULT_SETTINGS.maxFileSizeKb,
  };
}

/** What the client shows of a rule. */
export interface RuleSummary {
  id: string;
  group: string;
  description: string;
  defaultSeverity: Severity;
  fix: 'safe' | 'suggestion' | 'none';
  cwe: readonly string[];
  owaspMcp: string;
  docsUrl: string;
}

/** Client → server: every rule the server runs. */
export namespace ListRulesRequest {
  export const method = 'mcpWarden/listRules';
  export const type = new RequestType0<RuleSummary[], void>(method);
}

/** Where the key for `verify` comes from. `jwks-url` is sent only after the user confirmed the URL. */
export type TokenKeySource =
  | { kind: 'key-text'; text: string }
  | { kind: 'secret'; secret: string }
  | { kind: 'jwks-url'; url: string };

export interface TokenRequestParams {
  /** The token as selected or pasted (`Bearer` and quotes are stripped). Never logged. */
  token: string;
  mode: 'decode' | 'audit' | 'verify';
  expectedAudience?: string;
  expectedIssuer?: string;
  maxLifetimeSeconds?: number;
  /** Required for `verify`. */
  key?: TokenKeySource;
}

export interface TokenRequestResult {
  /** False when the token could not be decoded or the key could not be used; `error` says why (one line, no token). */
  ok: boolean;
  error?: string;
  /** The report as markdown (never contains the token). */
  markdown?: string;
  errors?: number;
  warnings?: number;
  /** For `verify`: whether the signature (and claims) verified. */
  verified?: boolean;
}

/** Client → server: decode, audit or verify a token with the server's token module. */
export namespace TokenRequest {
  export const method = 'mcpWarden/token';
  export const type = new RequestType<TokenRequestParams, TokenRequestResult, void>(method);
}

export interface GenerateSbomParams {
  /** The workspace folder's URI (file: only). */
  folderUri: string;
}

export interface GenerateSbomResult {
  ok: boolean;
  /** Why there is no SBOM (no lockfile, not a local folder), one line per problem. */
  error?: string;
  /** The CycloneDX JSON document. */
  json?: string;
  components?: number;
  /** Lockfiles read, relative to the folder. */
  lockfiles?: string[];
  /** Lockfiles skipped, with why. */
  warnings?: string[];
}

/** Client → server: a CycloneDX SBOM of a workspace folder, from its lockfiles (files only; nothing runs). */
export namespace GenerateSbomRequest {
  export const method = 'mcpWarden/generateSbom';
  export const type = new RequestType<GenerateSbomParams, GenerateSbomResult, void>(method);
}

/** How a configured server is reached. */
export type ServerTransport = 'stdio' | 'http' | 'sse' | 'unknown';

/** A finding shown in the MCP Servers view and reports (ranges are LSP positions in the configuration). */
export interface ServerFindingSummary {
  ruleId: string;
  message: string;
  severity: Severity;
  range: Range;
  /** The rule's one-line description: why it matters. */
  description: string;
  docsUrl: string;
}

/** One server of one configuration file. Never carries env or header values, and masks secrets in args and URLs. */
export interface ConfiguredServerSummary {
  name: string;
  nameRange: Range;
  transport: ServerTransport;
  /** `command arg…`, secrets masked; stdio servers. */
  commandLine?: string;
  /** Secrets (userinfo, secret-named query parameters) masked; remote servers. */
  url?: string;
  envKeys: string[];
  headerKeys: string[];
  findings: ServerFindingSummary[];
  maxSeverity?: Severity;
}

export interface ConfigFileSummary {
  uri: string;
  /** `~/.cursor/mcp.json` or the path relative to its workspace folder. */
  displayPath: string;
  client: string;
  clientLabel: string;
  scope: 'workspace' | 'user';
  /** The first syntax error, when the file does not parse cleanly (what parsed is still listed). */
  error?: string;
  servers: ConfiguredServerSummary[];
  /** Findings outside every server entry (top-level keys, inputs). */
  fileFindings: ServerFindingSummary[];
}

export interface ListServersResult {
  /** Grouped by client, then scope (workspace before user), then file. */
  clients: Array<{ client: string; label: string; scopes: Array<{ scope: 'workspace' | 'user'; files: ConfigFileSummary[] }> }>;
}

/** Client → server: every MCP server configured in the workspace folders and the user's home, with its findings. */
export namespace ListServersRequest {
  export const method = 'mcpWarden/listServers';
  export const type = new RequestType0<ListServersResult, void>(method);
}

/** Client → server: the MCP Servers report as markdown. */
export namespace ServersReportRequest {
  export const method = 'mcpWarden/serversReport';
  export const type = new RequestType0<{ markdown: string }, void>(method);
}

export interface ServerRef {
  /** The configuration file's URI. */
  uri: string;
  name: string;
}

/** What a live inspection would start or contact, for the consent dialog. */
export interface LaunchDescription {
  ok: boolean;
  /** Why the server cannot be inspected (e.g. an `${input:…}` variable). */
  error?: string;
  transport?: ServerTransport;
  /** The full command line, variables resolved (shown in the consent dialog). */
  commandLine?: string;
  cwd?: string;
  url?: string;
  /** Environment and header names with masked values. */
  env?: string[];
  headers?: string[];
  notes?: string[];
  /** Hash of the resolved launch; the inspect request must send it back, so a config edited after consent is refused. */
  fingerprint?: string;
}

export namespace DescribeLaunchRequest {
  export const method = 'mcpWarden/describeLaunch';
  export const type = new RequestType<ServerRef, LaunchDescription, void>(method);
}

export interface InspectServerParams extends ServerRef {
  fingerprint: string;
}

export interface InspectServerResult {
  ok: boolean;
  error?: string;
  /** The report (definitions, findings, pin comparison). */
  markdown?: string;
  tools?: number;
  findings?: number;
  /** Set when a pin exists: whether the live definitions still match it. */
  pin?: 'matches' | 'differs' | 'none';
}

/** Client → server: start (or contact) one configured server after the user consented, list its definitions and audit them. */
export namespace InspectServerRequest {
  export const method = 'mcpWarden/inspectServer';
  export const type = new RequestType<InspectServerParams, InspectServerResult, void>(method);
}

export interface PinServerResult {
  ok: boolean;
  error?: string;
  /** The lockfile written. */
  lockfileUri?: string;
  tools?: number;
}

/** Client → server: write the definitions of the server's last live inspection to `.vscode/mcp-warden.lock.json`. */
export namespace PinServerRequest {
  export const method = 'mcpWarden/pinServer';
  export const type = new RequestType<ServerRef, PinServerResult, void>(method);
}

/** Server → client, around each analysis of an open document: drives the language status item. */
export interface AnalysisStatusParams {
  uri: string;
  /** True when an analysis starts, false when it ends. */
  analyzing: boolean;
  /** When the finished analysis went over the time budget: what took long, the slowest rule named. */
  slow?: string;
}

export namespace AnalysisStatusNotification {
  export const method = 'mcpWarden/analysisStatus';
  export const type = new NotificationType<AnalysisStatusParams>(method);
}

export const Commands = {
  /** Opens a rule's documentation; arguments: `[ruleId]`. Handled by the client in VS Code, by the server elsewhere. */
  showRuleDocumentation: 'mcpWarden.showRuleDocumentation',
  showRules: 'mcpWarden.showRules',
  showOutput: 'mcpWarden.showOutput',
  restartServer: 'mcpWarden.restartServer',
  decodeToken: 'mcpWarden.decodeToken',
  auditToken: 'mcpWarden.auditToken',
  verifyToken: 'mcpWarden.verifyToken',
  inspectServers: 'mcpWarden.inspectServers',
  refreshServers: 'mcpWarden.refreshServers',
  serversReport: 'mcpWarden.serversReport',
  inspectServerLive: 'mcpWarden.inspectServerLive',
  pinServer: 'mcpWarden.pinServer',
  openServerConfig: 'mcpWarden.openServerConfig',
  generateSbom: 'mcpWarden.generateSbom',
} as const;

/** The id of the MCP Servers tree view. */
export const SERVERS_VIEW_ID = 'mcpWarden.servers';

/** The code action kind of "fix all safe problems", usable in `editor.codeActionsOnSave`. */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.mcpWarden';

export const DIAGNOSTIC_SOURCE = 'MCP Warden';
