import type { Node as SyntaxNode, Tree } from '@vscode/tree-sitter-wasm';
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { jsonConfiguration, type McpConfiguration } from './config/config-model';
import { tomlConfiguration, type TomlParse } from './config/toml-configuration';
import { yamlConfiguration } from './config/yaml-configuration';
import { parseDockerfile, type Dockerfile } from './dockerfile/parse-dockerfile';
import type { AnalysisResult, Finding, Fix, ModelText, Notice } from './finding';
import { detectFileKind, targetsOf, type FileKind, type McpConfigFormat } from './file-kind';
import { ToolFlow } from './flow/tool-flow';
import { ImportTable } from './flow/imports';
import { CodeMetadataCollector, jsonMetadata, type DeclaredMetadata } from './mcp/tool-metadata';
import type { CodeRuleContext, ConfigRuleContext, DockerfileRuleContext, MetadataRuleContext, ReportDescriptor, Rule, SyntaxHandler, SyntaxVisitor } from './rule';
import { effectiveSeverity, ruleMatches, type RuleCustomization } from './rule-settings';
import { SourceText } from './source-text';
import { isSuppressed, parseDirective, type SuppressionDirective } from './suppressions';
import { CodeParser, ParseTimeoutError, type TreeSitterAssets } from './syntax/code-parser';

export interface AnalysisInput {
  /** File path (or URI path) used for file-kind detection and messages. */
  path: string;
  text: string;
  /** The editor's language id, for documents whose path says nothing (untitled). */
  languageId?: string;
}

export interface AnalyzerSettings {
  ruleCustomizations: readonly RuleCustomization[];
  /** Rule-id globs switched off for this file (from the ignore file). */
  ignoredRules?: readonly string[];
  /** Larger texts are skipped with a notice. */
  maxFileSizeKb?: number;
}

export const DEFAULT_ANALYZER_SETTINGS: AnalyzerSettings = { ruleCustomizations: [] };

const PARSE_TIMEOUT_MS = 5000;

interface ActiveRule {
  rule: Rule;
  severity: Finding['severity'];
}

/**
 * The engine: text in, findings with offsets out. It never touches the editor, the protocol or
 * the file system; the LSP layer, the CLI and the tests all call `analyze`.
 */
export class Analyzer {
  private constructor(
    readonly rules: readonly Rule[],
    private readonly parser: CodeParser,
  ) {}

  static async create(assets: TreeSitterAssets, rules: readonly Rule[]): Promise<Analyzer> {
    return new Analyzer(rules, await CodeParser.create(assets));
  }

  ruleById(id: string): Rule | undefined {
    return this.rules.find((rule) => rule.meta.id === id);
  }

  dispose(): void {
    this.parser.dispose();
  }

  async analyze(input: AnalysisInput, settings: AnalyzerSettings = DEFAULT_ANALYZER_SETTINGS): Promise<AnalysisResult> {
    const kind = detectFileKind(input.path, input.text, input.languageId);
    if (!kind) return { findings: [], notices: [] };
    const skipped = skipReason(input.text, settings);
    if (skipped) return { findings: [], notices: [skipped] };

    const active = this.activeRules(kind, settings);
    if (active.length === 0) return { findings: [], notices: [] };
    const source = new SourceText(input.path, input.text, kind);
    const run = new AnalysisRun(source);

    if (kind.target === 'mcp-config') {
      this.runConfigRules(run, active, kind);
    } else if (kind.target === 'dockerfile') {
      this.runDockerfileRules(run, active);
    } else if (kind.target === 'tool-list') {
      this.runToolListRules(run, active);
    } else {
      let tree: Tree;
      try {
        tree = await this.parser.parse(kind.language, input.text, PARSE_TIMEOUT_MS);
      } catch (error) {
        const message = error instanceof ParseTimeoutError ? error.message : `could not parse: ${errorMessage(error)}`;
        return { findings: [], notices: [{ kind: 'parse-error', message }] };
      }
      try {
        this.runCodeRules(run, active, kind, tree.rootNode);
      } finally {
        tree.delete();
      }
    }
    return run.result(active, settings.ruleCustomizations);
  }

  private activeRules(kind: FileKind, settings: AnalyzerSettings): ActiveRule[] {
    const active: ActiveRule[] = [];
    for (const rule of this.rules) {
      if (!targetsOf(kind).some((target) => rule.meta.targets.includes(target))) continue;
      if (settings.ignoredRules?.some((pattern) => ruleMatches(pattern, rule.meta.id))) continue;
      const severity = effectiveSeverity(rule.meta.id, rule.meta.defaultSeverity, settings.ruleCustomizations);
      if (severity !== 'off') active.push({ rule, severity });
    }
    return active;
  }

  private runCodeRules(run: AnalysisRun, active: ActiveRule[], kind: Extract<FileKind, { language: string }>, root: SyntaxNode): void {
    const handlers = new Map<string, Subscriber[]>();
    let imports: ImportTable | undefined;
    const sharedImports = () => (imports ??= kind.target === 'python' ? ImportTable.ofPython(root) : ImportTable.ofJavaScript(root));
    let flow: ToolFlow | undefined;
    const sharedFlow = () => (flow ??= new ToolFlow(root, kind.target, sharedImports()));
    for (const { rule } of active) {
      const create = kind.target === 'python' ? rule.checks.python : rule.checks['js-ts'];
      if (!create) continue;
      const context: CodeRuleContext<string> = {
        source: run.source,
        language: kind.language,
        root,
        get flow() {
          return sharedFlow();
        },
        get imports() {
          return sharedImports();
        },
        report: run.reporter(rule),
      };
      const visitor = run.guard(rule.meta.id, () => create(context));
      if (visitor) addHandlers(handlers, rule.meta.id, visitor, sharedImports);
    }
    // tree-sitter collects the nodes of the wanted types inside wasm, in document order; walking the
    // whole tree from JavaScript costs several times more (every step crosses into wasm).
    const metadataRules = active.filter(({ rule }) => rule.checks['tool-metadata']);
    const metadata = metadataRules.length > 0 ? new CodeMetadataCollector(root, kind.target) : undefined;
    if (metadata) {
      for (const [type, callees] of Object.entries(CodeMetadataCollector.subscriptions(kind.target))) {
        const list = handlers.get(type) ?? [];
        list.push({ ruleId: METADATA_EXTRACTION, handle: (node) => metadata.visit(node), callees: callees && sharedImports().withAliases(callees) });
        handlers.set(type, list);
      }
    }
    const wanted = new Set([...handlers.keys(), 'comment']);
    const comments: SyntaxNode[] = [];
    for (const node of root.descendantsOfType([...wanted])) {
      if (!node) continue;
      const type = node.type;
      if (type === 'comment') comments.push(node);
      const subscribed = handlers.get(type);
      if (!subscribed) continue;
      let callee: string | undefined | null = null;
      for (const { ruleId, handle, callees } of subscribed) {
        if (callees) {
          if (callee === null) callee = calleeLastName(node);
          if (callee !== undefined && !callees.has(callee)) continue;
        }
        run.guard(ruleId, () => handle(node));
      }
    }
    if (metadata) {
      const declarations = metadata.result();
      this.runMetadataRules(run, metadataRules, declarations, kind.language, () => sharedFlow());
    }
    for (const comment of comments) run.addDirective(comment.text, comment.startIndex);
    run.anchorSuppressions(root);
  }

  private runConfigRules(run: AnalysisRun, active: ActiveRule[], kind: Extract<FileKind, { target: 'mcp-config' }>): void {
    const parsed = this.parseConfiguration(run, kind);
    if (!parsed) return;
    for (const { rule } of active) {
      const check = rule.checks['mcp-config'];
      if (!check) continue;
      const context: ConfigRuleContext<string> = {
        source: run.source,
        config: parsed.config,
        root: parsed.root,
        format: kind.format,
        client: kind.client,
        hasSyntaxErrors: parsed.hasSyntaxErrors,
        report: run.reporter(rule),
      };
      run.guard(rule.meta.id, () => check(context));
    }
  }

  /** Parses a configuration in its syntax; syntax errors become notices, and what parsed is still audited. */
  private parseConfiguration(
    run: AnalysisRun,
    kind: Extract<FileKind, { target: 'mcp-config' }>,
  ): { config: McpConfiguration; root: JsonNode | undefined; hasSyntaxErrors: boolean } | undefined {
    const text = run.source.text;
    if (kind.syntax === 'toml') {
      let parsed: TomlParse;
      try {
        parsed = tomlConfiguration(text);
      } catch (error) {
        run.notice({ kind: 'parse-error', message: `TOML: ${errorMessage(error).split('\n')[0]}`, offset: tomlErrorOffset(error) });
        return undefined;
      }
      for (const comment of parsed.comments) run.addDirective(comment.text, comment.start);
      return { config: parsed.configuration, root: undefined, hasSyntaxErrors: false };
    }
    if (kind.syntax === 'yaml') {
      const parsed = yamlConfiguration(text);
      for (const error of parsed.errors.slice(0, 5)) run.notice({ kind: 'parse-error', message: `YAML: ${error.message}`, offset: error.offset });
      for (const match of text.matchAll(/(?:^|[ \t])(#[^\n]*)/gm)) run.addDirective(match[1]!, match.index + match[0].indexOf('#'));
      return { config: parsed.configuration, root: undefined, hasSyntaxErrors: parsed.errors.length > 0 };
    }
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    for (const error of errors.slice(0, 5)) {
      run.notice({ kind: 'parse-error', message: `JSON: ${printParseErrorCode(error.error)}`, offset: error.offset });
    }
    if (kind.lineComment) collectJsonComments(run);
    if (root?.type !== 'object') return undefined;
    return { config: jsonConfiguration(text, root, SERVERS_KEYS[kind.format]), root, hasSyntaxErrors: errors.length > 0 };
  }

  private runToolListRules(run: AnalysisRun, active: ActiveRule[]): void {
    const errors: ParseError[] = [];
    const root = parseTree(run.source.text, errors, { allowTrailingComma: true, disallowComments: false });
    for (const error of errors.slice(0, 5)) {
      run.notice({ kind: 'parse-error', message: `JSON: ${printParseErrorCode(error.error)}`, offset: error.offset });
    }
    const declarations = run.guard(METADATA_EXTRACTION, () => jsonMetadata(root, run.source.text)) ?? [];
    this.runMetadataRules(run, active, declarations, undefined, () => undefined);
  }

  private runMetadataRules(
    run: AnalysisRun,
    active: ActiveRule[],
    declarations: readonly DeclaredMetadata[],
    language: MetadataRuleContext<string>['language'],
    flow: () => ToolFlow | undefined,
  ): void {
    run.modelTexts = declarations.flatMap((declaration) =>
      declaration.texts.map((text) => ({ site: text.site, value: text.text.value, ranges: text.text.literals.map((literal) => ({ start: literal.start, end: literal.end })) })),
    );
    for (const { rule } of active) {
      const check = rule.checks['tool-metadata'];
      if (!check) continue;
      const context: MetadataRuleContext<string> = {
        source: run.source,
        declarations,
        language,
        get flow() {
          return flow();
        },
        report: run.reporter(rule),
      };
      run.guard(rule.meta.id, () => check(context));
    }
  }

  private runDockerfileRules(run: AnalysisRun, active: ActiveRule[]): void {
    let dockerfile: Dockerfile;
    try {
      dockerfile = parseDockerfile(run.source.text);
    } catch (error) {
      run.notice({ kind: 'parse-error', message: `could not parse: ${errorMessage(error)}` });
      return;
    }
    // Only whole-line comments: a `#` after an instruction belongs to the instruction.
    for (const comment of dockerfile.comments) run.addDirective(comment.text, comment.start);
    for (const { rule } of active) {
      const check = rule.checks.dockerfile;
      if (!check) continue;
      const context: DockerfileRuleContext<string> = { source: run.source, dockerfile, report: run.reporter(rule) };
      run.guard(rule.meta.id, () => check(context));
    }
  }
}

/** Where each JSON format keeps its servers. */
const SERVERS_KEYS: Record<McpConfigFormat, string> = { vscode: 'servers', 'mcp-servers': 'mcpServers', zed: 'context_servers', codex: 'mcp_servers', continue: 'mcpServers' };

/** toml-eslint-parser errors carry the offset of the problem. */
function tomlErrorOffset(error: unknown): number | undefined {
  const offset = (error as { index?: unknown }).index;
  return typeof offset === 'number' ? offset : undefined;
}

/** Names the shared metadata extraction in notices when it fails. */
const METADATA_EXTRACTION = 'tool-metadata extraction';

interface Subscriber {
  ruleId: string;
  handle: SyntaxHandler;
  /** Callee names the handler wants, import aliases included; undefined for every node. */
  callees: ReadonlySet<string> | undefined;
}

function addHandlers(handlers: Map<string, Subscriber[]>, ruleId: string, visitor: SyntaxVisitor, imports: () => ImportTable): void {
  for (const [type, entry] of Object.entries(visitor)) {
    const list = handlers.get(type) ?? [];
    if (typeof entry === 'function') list.push({ ruleId, handle: entry, callees: undefined });
    else list.push({ ruleId, handle: entry.visit, callees: imports().withAliases(entry.callees) });
    handlers.set(type, list);
  }
}

const CALLEE_LAST_NAME = /([A-Za-z_$][\w$]*)\s*(?:\?\.)?\s*(?:<[^()]*>)?\s*(?:\?\.)?\s*$/;

/** The last name of a call's callee, read from the text before its arguments; undefined when it has none. */
function calleeLastName(call: SyntaxNode): string | undefined {
  const argumentsNode = call.lastChild;
  if (!argumentsNode || argumentsNode.startIndex <= call.startIndex) return undefined;
  return CALLEE_LAST_NAME.exec(call.text.slice(0, argumentsNode.startIndex - call.startIndex))?.[1];
}

/** String-like nodes a comment cannot be inserted into. */
const LITERAL_TYPES = new Set(['string', 'template_string']);

/** A string literal that `offset` lies strictly inside of (not at its start). */
function enclosingLiteral(root: SyntaxNode, offset: number): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = root.descendantForIndex(offset); node; node = node.parent) {
    if (LITERAL_TYPES.has(node.type) && node.startIndex < offset && offset < node.endIndex) return node;
  }
  return undefined;
}

function collectJsonComments(run: AnalysisRun): void {
  const scanner = createScanner(run.source.text, false);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) {
      // getTokenValue() can include the preceding token when no space separates them.
      const offset = scanner.getTokenOffset();
      run.addDirective(run.source.text.slice(offset, offset + scanner.getTokenLength()), offset);
    }
  }
}

function skipReason(text: string, settings: AnalyzerSettings): Notice | undefined {
  const limitKb = settings.maxFileSizeKb;
  if (limitKb !== undefined && text.length > limitKb * 1024) {
    return { kind: 'skipped-too-large', message: `skipped: larger than ${limitKb} KB (mcpWarden.maxFileSizeKb)` };
  }
  if (text.includes('\0')) return { kind: 'skipped-binary', message: 'skipped: binary content' };
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, key: string) => (data && key in data ? String(data[key]) : placeholder));
}

/** Mutable state of one analysis: reports, directives, crashed rules. */
class AnalysisRun {
  private readonly findings: Finding[] = [];
  private readonly notices: Notice[] = [];
  private readonly directives: SuppressionDirective[] = [];
  private readonly crashedRules = new Set<string>();
  modelTexts: ModelText[] | undefined;

  constructor(readonly source: SourceText) {}

  /** Runs rule code; a throwing rule is reported once and skipped for the rest of the file. */
  guard<T>(ruleId: string, action: () => T): T | undefined {
    if (this.crashedRules.has(ruleId)) return undefined;
    try {
      return action();
    } catch (error) {
      this.crashedRules.add(ruleId);
      this.notice({ kind: 'rule-error', ruleId, message: `rule ${ruleId} failed: ${errorMessage(error)}` });
      return undefined;
    }
  }

  notice(notice: Notice): void {
    this.notices.push(notice);
  }

  /**
   * Moves each finding's suppression anchor to the first line at or above it that does not begin
   * inside a multi-line string (a comment cannot go there). Done while the tree is alive.
   */
  anchorSuppressions(root: SyntaxNode): void {
    const { lines } = this.source;
    for (const finding of this.findings) {
      let lineStart = lines.lineStart(lines.lineOf(finding.start));
      for (let literal = enclosingLiteral(root, lineStart); literal; literal = enclosingLiteral(root, lineStart)) {
        lineStart = lines.lineStart(lines.lineOf(literal.startIndex));
      }
      finding.suppressionAnchor = lineStart;
    }
  }

  addDirective(commentText: string, offset: number): void {
    const directive = parseDirective(commentText, this.source.lines.lineOf(offset));
    if (directive) this.directives.push(directive);
  }

  reporter(rule: Rule): (descriptor: ReportDescriptor<string>) => void {
    const { meta } = rule;
    return (descriptor) => {
      const template: string | undefined = meta.messages[descriptor.messageId];
      if (template === undefined) throw new Error(`unknown messageId '${descriptor.messageId}'`);
      if (descriptor.fixes?.length && meta.fix === 'none') throw new Error(`rule reports fixes but declares meta.fix 'none'`);
      const fixes: Fix[] = (descriptor.fixes ?? []).map((fix) => ({ title: fix.title, kind: fix.kind ?? (meta.fix === 'safe' ? 'safe' : 'suggestion'), edits: fix.edits }));
      this.findings.push({
        ruleId: meta.id,
        messageId: descriptor.messageId,
        message: formatMessage(template, descriptor.data),
        severity: descriptor.severity ?? meta.defaultSeverity,
        start: descriptor.start,
        end: descriptor.end,
        fixes,
        // The line start, moved out of multi-line strings by anchorSuppressions() for code.
        suppressionAnchor: this.source.lines.lineStart(this.source.lines.lineOf(descriptor.start)),
        ...(descriptor.details !== undefined ? { details: descriptor.details } : {}),
        ...(descriptor.related !== undefined ? { related: descriptor.related } : {}),
      });
    };
  }

  result(active: readonly ActiveRule[], customizations: readonly RuleCustomization[]): AnalysisResult {
    const defaults = new Map(active.map(({ rule, severity }) => [rule.meta.id, { rule: rule.meta.defaultSeverity, effective: severity }]));
    const severityFor = (finding: Finding): Finding['severity'] => {
      const known = defaults.get(finding.ruleId);
      if (!known || finding.severity === known.rule) return known?.effective ?? finding.severity;
      // A finding with its own severity: the user's settings apply to it as to the rule's default.
      const adjusted = effectiveSeverity(finding.ruleId, finding.severity, customizations);
      return adjusted === 'off' ? known.effective : adjusted;
    };
    const seen = new Set<string>();
    const findings = this.findings
      .filter((finding) => !isSuppressed(finding.ruleId, this.source.lines.lineOf(finding.suppressionAnchor), this.directives))
      .filter((finding) => {
        const key = `${finding.ruleId}:${finding.start}:${finding.end}:${finding.messageId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((finding) => ({ ...finding, severity: severityFor(finding) }))
      .sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    return { findings, notices: this.notices, ...(this.modelTexts?.length ? { modelTexts: this.modelTexts } : {}) };
  }
}
