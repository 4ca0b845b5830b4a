/**
 * The contract between the VS Code client and the language server: settings, custom requests and
 * command ids. The client imports this file and nothing else from the server.
 */
import { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
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

export const Commands = {
  /** Opens a rule's documentation; arguments: `[ruleId]`. Handled by the client in VS Code, by the server elsewhere. */
  showRuleDocumentation: 'mcpWarden.showRuleDocumentation',
  showRules: 'mcpWarden.showRules',
  showOutput: 'mcpWarden.showOutput',
  restartServer: 'mcpWarden.restartServer',
  decodeToken: 'mcpWarden.decodeToken',
  auditToken: 'mcpWarden.auditToken',
  verifyToken: 'mcpWarden.verifyToken',
} as const;

/** The code action kind of "fix all safe problems", usable in `editor.codeActionsOnSave`. */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.mcpWarden';

export const DIAGNOSTIC_SOURCE = 'MCP Warden';
