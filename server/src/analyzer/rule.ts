import type { SyntaxNode } from './syntax/syntax-tree';
import type { Node as JsonNode } from 'jsonc-parser';
import type { Dockerfile } from './dockerfile/parse-dockerfile';
import type { FixKind, RelatedLocation, Severity, TextEdit } from './finding';
import type { CodeLanguage, McpClient, McpConfigFormat, RuleTarget } from './file-kind';
import type { ImportTable } from './flow/imports';
import type { ToolFlow } from './flow/tool-flow';
import type { McpConfiguration } from './config/config-model';
import type { Manifest, ManifestFormat } from './manifest/manifest-model';
import type { DeclaredMetadata } from './mcp/tool-metadata';
import type { SourceText } from './source-text';

export type Confidence = 'high' | 'medium' | 'low';

/** OWASP MCP Top 10 (2025) categories. */
export const OWASP_MCP_TOP_10 = {
  MCP01: 'Token Mismanagement & Secret Exposure',
  MCP02: 'Privilege Escalation via Scope Creep',
  MCP03: 'Tool Poisoning',
  MCP04: 'Software Supply Chain Attacks & Dependency Tampering',
  MCP05: 'Command Injection & Execution',
  MCP06: 'Intent Flow Subversion',
  MCP07: 'Insufficient Authentication & Authorization',
  MCP08: 'Lack of Audit and Telemetry',
  MCP09: 'Shadow MCP Servers',
  MCP10: 'Context Injection & Over-Sharing',
} as const;
export type OwaspMcpId = keyof typeof OWASP_MCP_TOP_10;

/** The eight security controls MCP Warden enforces (the project's seed checklist). */
export const SEED_CONTROLS = {
  1: 'Token validation: audience, issuer, signature, expiry, scopes',
  2: 'No token passthrough',
  3: 'Session security',
  4: 'Prompt injection and tool poisoning',
  5: 'Transport and OAuth flow security',
  6: 'Tool execution security and least privilege',
  7: 'Supply chain and configuration hygiene',
  8: 'Monitoring without secrets in logs',
} as const;
export type SeedControl = keyof typeof SEED_CONTROLS;

/**
 * `source`: tool-handler code (injection, secrets, logging); `auth`: tokens, sessions, cookies and
 * OAuth flows; `transport`: HTTP transports (Origin, binding, CORS); `container`: images that run
 * servers; `config`: client configurations; `tool-metadata`: what the model reads; `supply-chain`:
 * dependency manifests, lockfiles and workspace tasks around the server.
 */
export type RuleGroup = 'source' | 'auth' | 'transport' | 'container' | 'config' | 'tool-metadata' | 'supply-chain';

export type FixAvailability = FixKind | 'none';

/** Declarative facts about a rule; tooling (docs, SARIF, settings, meta-tests) relies on them. */
export interface RuleMeta<MessageId extends string> {
  /** Kebab-case, unique, equal to the module's file name. */
  id: string;
  group: RuleGroup;
  /** One line, no trailing period; also the first paragraph of the rule's docs. */
  description: string;
  defaultSeverity: Severity;
  confidence: Confidence;
  cwe: readonly `CWE-${number}`[];
  owaspMcp: OwaspMcpId;
  control: SeedControl;
  /** The strongest fix the rule offers. */
  fix: FixAvailability;
  /** Message templates; `{{name}}` placeholders are filled from the report's data. */
  messages: Record<MessageId, string>;
  /** Specifications and advisories the rule is based on. */
  references: readonly string[];
}

export interface FixDescriptor {
  title: string;
  edits: TextEdit[];
  /** Defaults to the rule's `meta.fix`. */
  kind?: FixKind;
}

export interface ReportDescriptor<MessageId extends string> {
  messageId: MessageId;
  /**
   * This finding's severity when it differs from the rule's default (stronger or weaker evidence);
   * the user's `upgrade`/`downgrade` settings apply on top, a fixed severity setting replaces it.
   */
  severity?: Severity;
  data?: Record<string, string | number>;
  start: number;
  end: number;
  fixes?: FixDescriptor[];
  details?: string;
  related?: RelatedLocation[];
}

interface RuleContextBase<MessageId extends string> {
  readonly source: SourceText;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface CodeRuleContext<MessageId extends string> extends RuleContextBase<MessageId> {
  readonly language: CodeLanguage;
  readonly root: SyntaxNode;
  /** The file's tool-handler and taint model, built on first use and shared by every rule. */
  readonly flow: ToolFlow;
  /** The file's imports, built on first use (cheaper than `flow`, which includes them). */
  readonly imports: ImportTable;
}

export interface ConfigRuleContext<MessageId extends string> extends RuleContextBase<MessageId> {
  /** The servers and their settings, whatever the syntax; rules that read only this cover every client. */
  readonly config: McpConfiguration;
  /** The JSON tree, for JSON files (edits that add properties); undefined for TOML and YAML. */
  readonly root: JsonNode | undefined;
  readonly format: McpConfigFormat;
  readonly client: McpClient;
  /** The file did not parse cleanly; what parsed is still in `config`. */
  readonly hasSyntaxErrors: boolean;
}

export interface DockerfileRuleContext<MessageId extends string> extends RuleContextBase<MessageId> {
  /** The parsed file, shared by every Dockerfile rule. */
  readonly dockerfile: Dockerfile;
}

export interface ManifestRuleContext<MessageId extends string> extends RuleContextBase<MessageId> {
  /** Dependencies, install scripts and tasks of the file, whatever its format. */
  readonly manifest: Manifest;
  readonly format: ManifestFormat;
  /**
   * Base names of the files beside the analyzed file and in its parent folders up to the workspace
   * root, when the host provides them (`AnalyzerSettings.siblingFiles`); undefined otherwise.
   */
  readonly siblingFiles: readonly string[] | undefined;
}

export interface MetadataRuleContext<MessageId extends string> extends RuleContextBase<MessageId> {
  /** Tools, prompts, resources and server instructions of the file, texts resolved as the model reads them. */
  readonly declarations: readonly DeclaredMetadata[];
  /** The code's language; undefined for a saved `tools/list` result. */
  readonly language: CodeLanguage | undefined;
  /** The handler and taint model of a code file (undefined for JSON), built on first use. */
  readonly flow: ToolFlow | undefined;
}

export type SyntaxHandler = (node: SyntaxNode) => void;

/**
 * A handler for calls (`call_expression`, `call`, `new_expression`) that only wants those whose
 * callee ends in one of `callees` (`fs.readFile(…)`, `readFile(…)`, `cp.exec(…)`): the engine reads
 * the name from the text and expands it with the file's import aliases (`import { readFile as rf }`),
 * so most calls never reach the rule. Calls whose callee has no plain name are always passed on.
 */
export interface CalleeFilteredHandler {
  callees: ReadonlySet<string>;
  visit: SyntaxHandler;
}

/**
 * Handlers keyed by tree-sitter node type. One shared pass over the syntax tree calls them,
 * so adding a rule does not add a traversal.
 */
export type SyntaxVisitor = Record<string, SyntaxHandler | CalleeFilteredHandler>;

export interface RuleChecks<MessageId extends string> {
  'js-ts'?: (context: CodeRuleContext<MessageId>) => SyntaxVisitor;
  python?: (context: CodeRuleContext<MessageId>) => SyntaxVisitor;
  'mcp-config'?: (context: ConfigRuleContext<MessageId>) => void;
  dockerfile?: (context: DockerfileRuleContext<MessageId>) => void;
  'tool-metadata'?: (context: MetadataRuleContext<MessageId>) => void;
  manifest?: (context: ManifestRuleContext<MessageId>) => void;
}

export interface Rule<MessageId extends string = string> {
  readonly meta: RuleMeta<MessageId> & { readonly targets: readonly RuleTarget[]; readonly docsUrl: string };
  readonly checks: RuleChecks<MessageId>;
}

export const REPOSITORY_URL = 'https://github.com/mcp-warden/mcp-warden';

export function ruleDocsUrl(group: RuleGroup, id: string): string {
  return `${REPOSITORY_URL}/blob/main/server/src/rules/${group}/${id}.md`;
}

/** Builds a rule; its targets are the keys of `checks`, its docs URL follows from group and id. */
export function defineRule<MessageId extends string>(meta: RuleMeta<MessageId>, checks: RuleChecks<MessageId>): Rule<MessageId> {
  const targets = (Object.keys(checks) as RuleTarget[]).filter((target) => checks[target] !== undefined);
  return { meta: { ...meta, targets, docsUrl: ruleDocsUrl(meta.group, meta.id) }, checks };
}
