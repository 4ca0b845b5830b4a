import type { SyntaxNode, SyntaxTree } from './syntax/syntax-tree';
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { McpConfiguration } from './config/config-model';
import { parseConfigurationText } from './config/read-configuration';
import { tomlErrorOffset } from './config/toml-configuration';
import { parseDockerfile, type Dockerfile } from './dockerfile/parse-dockerfile';
import type { AnalysisResult, Finding, Fix, ModelText, Notice } from './finding';
import { detectFileKind, targetsOf, type CodeLanguage, type FileKind } from './file-kind';
import { ToolFlow } from './flow/tool-flow';
import { ImportTable } from './flow/imports';
import { parseManifest, type Manifest } from './manifest/manifest-model';
import { CodeMetadataCollector, jsonMetadata, type DeclaredMetadata } from './mcp/tool-metadata';
import type { CodeRuleContext, ConfigRuleContext, DockerfileRuleContext, ManifestRuleContext, MetadataRuleContext, ReportDescriptor, Rule, SyntaxHandler, SyntaxVisitor } from './rule';
import { effectiveSeverity, ruleMatches, type RuleCustomization } from './rule-settings';
import { SourceText } from './source-text';
import { isSuppressed, parseDirective, type SuppressionDirective } from './suppressions';
import { CodeParser, ParseTimeoutError, type TreeSitterAssets } from './syntax/code-parser';
import { calleeLastNameOf } from './syntax/nodes';

export interface AnalysisInput {
  /** File path (or URI path) used for file-kind detection and messages. */
  path: string;
  text: string;
  /** The editor's language id, for documents whose path says nothing (untitled). */
  languageId?: string;
  /**
   * Identifies an open document across its versions (the editor passes its URI). The analyzer then
   * keeps the document's syntax tree and parses the next version incrementally; call
   * `forgetDocument` when it closes. Without a key, nothing is kept between analyses.
   */
  documentKey?: string;
}

export interface AnalyzerSettings {
  ruleCustomizations: readonly RuleCustomization[];
  /** Rule-id globs switched off for this file (from the ignore file). */
  ignoredRules?: readonly string[];
  /** Larger texts are skipped with a notice. */
  maxFileSizeKb?: number;
  /**
   * When one analysis takes longer (milliseconds, parsing included), a `slow-analysis` notice names
   * the slowest rule. Undefined: no budget (the CLI); the editor uses DEFAULT_TIME_BUDGET_MS.
   */
  timeBudgetMs?: number;
  /**
   * Base names of the files beside the analyzed file and in its parent folders up to the workspace
   * root (hosts may list only lockfile names). Lets manifest rules see a missing lockfile without
   * touching the disk; left undefined, that check is skipped.
   */
  siblingFiles?: readonly string[];
  /** Report the time spent parsing and in each rule (`AnalysisResult.timings`), like ESLint's TIMING. */
  collectTimings?: boolean;
}

export const DEFAULT_ANALYZER_SETTINGS: AnalyzerSettings = { ruleCustomizations: [] };

/** The editor's per-file budget: analysis runs on keystrokes, so more than this is noticeable. */
export const DEFAULT_TIME_BUDGET_MS = 500;

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
  /** File targets analyzed at least once (the time budget ignores the cold first run). */
  private readonly warmTargets = new Set<string>();

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

  /** Frees what was kept for an open document's incremental parsing. */
  forgetDocument(documentKey: string): void {
    this.parser.forget(documentKey);
  }

  dispose(): void {
    this.parser.dispose();
  }

  async analyze(input: AnalysisInput, settings: AnalyzerSettings = DEFAULT_ANALYZER_SETTINGS): Promise<AnalysisResult> {
    const started = performance.now();
    const kind = detectFileKind(input.path, input.text, input.languageId);
    if (!kind) return { findings: [], notices: [] };
    const skipped = skipReason(input.text, settings) ?? generatedReason(input.path, input.text, kind);
    if (skipped) return { findings: [], notices: [skipped] };

    const active = this.activeRules(kind, settings);
    if (active.length === 0) return { findings: [], notices: [] };
    const source = new SourceText(input.path, input.text, kind);
    // Rule time is measured only when someone reads it (the budget's notice names the slowest rule).
    const run = new AnalysisRun(source, settings.collectTimings === true || settings.timeBudgetMs !== undefined);

    if (kind.target === 'mcp-config') {
      this.runConfigRules(run, active, kind);
    } else if (kind.target === 'dockerfile') {
      this.runDockerfileRules(run, active);
    } else if (kind.target === 'tool-list') {
      this.runToolListRules(run, active);
    } else if (kind.target === 'manifest') {
      this.runManifestRules(run, active, kind, settings.siblingFiles);
    } else {
      let tree: SyntaxTree;
      try {
        tree = await this.parser.parse(kind.language, input.text, PARSE_TIMEOUT_MS, input.documentKey);
      } catch (error) {
        const message = error instanceof ParseTimeoutError ? error.message : `could not parse: ${errorMessage(error)}`;
        return { findings: [], notices: [{ kind: 'parse-error', message }] };
      }
      run.parseMs = performance.now() - started;
      try {
        this.runCodeRules(run, active, kind, tree.rootNode);
      } finally {
        tree.releaseNodes();
      }
    }
    // The first analysis of each kind of file compiles the rules' code (JIT): not the rules' steady cost.
    const warm = this.warmTargets.has(kind.target);
    this.warmTargets.add(kind.target);
    if (settings.timeBudgetMs !== undefined && warm) run.checkBudget(performance.now() - started, settings.timeBudgetMs);
    return run.result(active, settings.ruleCustomizations, settings.collectTimings === true);
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
    const facts = new SharedFacts(root, kind.target);
    const sharedImports = () => facts.imports;
    for (const { rule } of active) {
      const create = kind.target === 'python' ? rule.checks.python : rule.checks['js-ts'];
      if (!create) continue;
      const context = new CodeContext(run.source, kind.language, root, facts, run.reporter(rule));
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
    const dispatch = new Map([...handlers].map(([type, subscribers]) => [type, new Dispatch(subscribers)]));
    const comments: SyntaxNode[] = [];
    // By id: a node object is only made for nodes some handler gets (most calls interest none).
    const { tree } = root;
    const ids = tree.idsOfTypes([...wanted], root.id, tree.lastIds[root.id]!);
    // Each rule's visits are listed first and then run in one go, in document order: its time is
    // measured once rather than around each of thousands of calls (the clock costs ~70 ns a read).
    const visits = new Map<string, RuleVisits>();
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index]!;
      const type = tree.typeName(tree.typeIds[id]!);
      if (type === 'comment') comments.push(tree.node(id));
      const subscribers = dispatch.get(type)?.subscribersFor(tree, id);
      if (!subscribers || subscribers.length === 0) continue;
      const node = tree.node(id);
      for (const { ruleId, handle } of subscribers) {
        let list = visits.get(ruleId);
        if (!list) visits.set(ruleId, (list = new RuleVisits()));
        list.handles.push(handle);
        list.nodes.push(node);
      }
    }
    for (const [ruleId, list] of visits) run.guardVisits(ruleId, list.handles, list.nodes);
    if (metadata) {
      const declarations = metadata.result();
      this.runMetadataRules(run, metadataRules, declarations, kind.language, facts);
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
    const parsed = run.parsing(() => parseConfigurationText(kind, text));
    for (const error of parsed.errors.slice(0, 5)) run.notice({ kind: 'parse-error', message: error.message, offset: error.offset });
    if (kind.syntax === 'toml') {
      for (const comment of parsed.comments) run.addDirective(comment.text, comment.start);
    } else if (kind.syntax === 'yaml') {
      for (const match of text.matchAll(/(?:^|[ \t])(#[^\n]*)/gm)) run.addDirective(match[1]!, match.index + match[0].indexOf('#'));
    } else if (kind.lineComment) {
      collectJsonComments(run);
    }
    if (!parsed.configuration) return undefined;
    return { config: parsed.configuration, root: parsed.root, hasSyntaxErrors: parsed.errors.length > 0 };
  }

  private runToolListRules(run: AnalysisRun, active: ActiveRule[]): void {
    const errors: ParseError[] = [];
    const root = run.parsing(() => parseTree(run.source.text, errors, { allowTrailingComma: true, disallowComments: false }));
    for (const error of errors.slice(0, 5)) {
      run.notice({ kind: 'parse-error', message: `JSON: ${printParseErrorCode(error.error)}`, offset: error.offset });
    }
    const declarations = run.guard(METADATA_EXTRACTION, () => jsonMetadata(root, run.source.text)) ?? [];
    this.runMetadataRules(run, active, declarations, undefined, undefined);
  }

  private runMetadataRules(
    run: AnalysisRun,
    active: ActiveRule[],
    declarations: readonly DeclaredMetadata[],
    language: MetadataRuleContext<string>['language'],
    facts: SharedFacts | undefined,
  ): void {
    run.modelTexts = declarations.flatMap((declaration) =>
      declaration.texts.map((text) => ({ site: text.site, value: text.text.value, ranges: text.text.literals.map((literal) => ({ start: literal.start, end: literal.end })) })),
    );
    for (const { rule } of active) {
      const check = rule.checks['tool-metadata'];
      if (!check) continue;
      const context = new MetadataContext(run.source, declarations, language, facts, run.reporter(rule));
      run.guard(rule.meta.id, () => check(context));
    }
  }

  private runManifestRules(run: AnalysisRun, active: ActiveRule[], kind: Extract<FileKind, { target: 'manifest' }>, siblingFiles: readonly string[] | undefined): void {
    let manifest: Manifest;
    try {
      manifest = run.parsing(() => parseManifest(kind.format, run.source.text));
    } catch (error) {
      run.notice({ kind: 'parse-error', message: `could not parse: ${errorMessage(error).split('\n')[0]}`, offset: tomlErrorOffset(error) });
      return;
    }
    for (const error of manifest.errors.slice(0, 5)) run.notice({ kind: 'parse-error', message: error.message, offset: error.offset });
    if (kind.lineComment) for (const comment of manifest.comments) run.addDirective(comment.text, comment.start);
    for (const { rule } of active) {
      const check = rule.checks.manifest;
      if (!check) continue;
      const context: ManifestRuleContext<string> = { source: run.source, manifest, format: kind.format, siblingFiles, report: run.reporter(rule) };
      run.guard(rule.meta.id, () => check(context));
    }
  }

  private runDockerfileRules(run: AnalysisRun, active: ActiveRule[]): void {
    let dockerfile: Dockerfile;
    try {
      dockerfile = run.parsing(() => parseDockerfile(run.source.text));
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

/** The file-level models rules share, each built on first use. */
class SharedFacts {
  private importTable: ImportTable | undefined;
  private toolFlow: ToolFlow | undefined;

  constructor(
    private readonly root: SyntaxNode,
    private readonly target: 'js-ts' | 'python',
  ) {}

  get imports(): ImportTable {
    return (this.importTable ??= this.target === 'python' ? ImportTable.ofPython(this.root) : ImportTable.ofJavaScript(this.root));
  }

  get flow(): ToolFlow {
    return (this.toolFlow ??= new ToolFlow(this.root, this.target, this.imports));
  }
}

// Rule contexts are classes, not object literals with getters: each such literal gets a hidden
// class of its own, hidden classes live in the old generation until a full GC, and through the
// getters' closures they kept every analysis's syntax tree alive for each young GC to copy.
class CodeContext implements CodeRuleContext<string> {
  constructor(
    readonly source: SourceText,
    readonly language: CodeLanguage,
    readonly root: SyntaxNode,
    private readonly facts: SharedFacts,
    readonly report: (descriptor: ReportDescriptor<string>) => void,
  ) {}

  get flow(): ToolFlow {
    return this.facts.flow;
  }

  get imports(): ImportTable {
    return this.facts.imports;
  }
}

class MetadataContext implements MetadataRuleContext<string> {
  constructor(
    readonly source: SourceText,
    readonly declarations: readonly DeclaredMetadata[],
    readonly language: CodeLanguage | undefined,
    private readonly facts: SharedFacts | undefined,
    readonly report: (descriptor: ReportDescriptor<string>) => void,
  ) {}

  get flow(): ToolFlow | undefined {
    return this.facts?.flow;
  }
}

/** The syntax handler calls one rule gets in a file, in document order. */
class RuleVisits {
  readonly handles: SyntaxHandler[] = [];
  readonly nodes: SyntaxNode[] = [];
}

/** Names the shared metadata extraction in notices when it fails. */
const METADATA_EXTRACTION = 'tool-metadata extraction';

interface Subscriber {
  ruleId: string;
  handle: SyntaxHandler;
  /** Callee names the handler wants, import aliases included; undefined for every node. */
  callees: ReadonlySet<string> | undefined;
}

/**
 * The handlers of one node type. Most of a file's calls interest no rule, and those that filter by
 * callee name are asked once per name: the handlers for each callee name are listed on first sight,
 * in registration order, instead of testing every rule's name set at every call.
 */
class Dispatch {
  private readonly byCallee = new Map<string, readonly Subscriber[]>();
  private readonly filtered: boolean;

  constructor(private readonly subscribers: readonly Subscriber[]) {
    this.filtered = subscribers.some((subscriber) => subscriber.callees !== undefined);
  }

  subscribersFor(tree: SyntaxTree, id: number): readonly Subscriber[] {
    if (!this.filtered) return this.subscribers;
    // Calls whose callee has no plain name go to every handler.
    const callee = calleeLastNameOf(tree, id);
    if (callee === undefined) return this.subscribers;
    let list = this.byCallee.get(callee);
    if (!list) this.byCallee.set(callee, (list = this.subscribers.filter(({ callees }) => !callees || callees.has(callee))));
    return list;
  }
}

function addHandlers(handlers: Map<string, Subscriber[]>, ruleId: string, visitor: SyntaxVisitor, imports: () => ImportTable): void {
  for (const [type, entry] of Object.entries(visitor)) {
    const list = handlers.get(type) ?? [];
    if (typeof entry === 'function') list.push({ ruleId, handle: entry, callees: undefined });
    else list.push({ ruleId, handle: entry.visit, callees: imports().withAliases(entry.callees) });
    handlers.set(type, list);
  }
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

/** Longest line (characters) of hand-written code; minified bundles put whole files on a few lines. */
const MINIFIED_LINE_LENGTH = 1000;
/** `;` `,` `{` `}` `(` `)` `=`: what minified code is dense with. */
const CODE_PUNCTUATION = new Set([0x3b, 0x2c, 0x7b, 0x7d, 0x28, 0x29, 0x3d]);
/** How many lines at the top of a file may hold a generated-code marker. */
const GENERATED_HEADER_LINES = 10;

/**
 * Generated or minified code is skipped (with a notice): its findings belong to its source, and
 * minified bundles are slow to analyze. Only code files: configs and saved `tools/list` results are
 * often one long line, and Dockerfiles are never minified. Markers are read from the file's head only
 * (`@generated`, Go's `Code generated … DO NOT EDIT`), so a comment deeper in a file cannot hide it.
 */
function generatedReason(path: string, text: string, kind: FileKind): Notice | undefined {
  if (kind.target !== 'js-ts' && kind.target !== 'python') return undefined;
  const skip = (why: string): Notice => ({ kind: 'skipped-generated', message: `skipped: ${why}` });
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  if (kind.target === 'js-ts' && /[.-]min\.[cm]?js$/.test(base)) return skip('minified file (*.min.js)');
  let lineStart = 0;
  for (let line = 0; line < GENERATED_HEADER_LINES && lineStart < text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const content = text.slice(lineStart, Math.min(lineEnd, lineStart + 500)).trim();
    if (/^(?:\/\/|\/\*|\*|#)/.test(content)) {
      const lower = content.toLowerCase();
      if (lower.includes('@generated') || (lower.includes('generated') && lower.includes('do not edit'))) return skip(`generated code (header comment "${content.slice(0, 80)}")`);
    }
    lineStart = lineEnd + 1;
  }
  if (kind.target !== 'js-ts') return undefined;
  const trimmedEnd = text.trimEnd();
  const lastLine = trimmedEnd.slice(trimmedEnd.lastIndexOf('\n') + 1);
  if (lastLine.startsWith('//# sourceMappingURL=') || lastLine.startsWith('//@ sourceMappingURL=')) return skip('compiled output (source map comment); its source is analyzed instead');
  return minifiedLines(text) ? skip(`minified code (lines longer than ${MINIFIED_LINE_LENGTH} characters with little whitespace)`) : undefined;
}

/**
 * Whether most of the text sits on very long lines that look like minified code: almost no
 * whitespace and dense punctuation. A long prose string (a tool description) or a base64 blob does
 * not count, so an ordinary long line does not make the analyzer skip a file.
 */
function minifiedLines(text: string): boolean {
  if (text.length < MINIFIED_LINE_LENGTH * 2) return false;
  let minifiedChars = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > MINIFIED_LINE_LENGTH) {
      let spaces = 0;
      const punctuation = new Map<number, number>();
      for (let index = start; index < end; index++) {
        const code = text.charCodeAt(index);
        if (code === 0x20 || code === 0x09) spaces++;
        else if (CODE_PUNCTUATION.has(code)) punctuation.set(code, (punctuation.get(code) ?? 0) + 1);
      }
      const length = end - start;
      // Code uses several kinds of punctuation; a string of `[x](` repeated uses one.
      const kinds = [...punctuation.values()].filter((count) => count > length * 0.01).length;
      const total = [...punctuation.values()].reduce((sum, count) => sum + count, 0);
      if (spaces < length * 0.08 && total > length * 0.08 && kinds >= 3) minifiedChars += length;
    }
    start = end + 1;
  }
  return minifiedChars > text.length / 2;
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
  /** Milliseconds spent in each rule's code (handlers, checks, visitor creation). */
  private readonly ruleMs = new Map<string, number>();
  /** Milliseconds until the syntax tree was ready (code files). */
  parseMs = 0;
  modelTexts: ModelText[] | undefined;

  constructor(
    readonly source: SourceText,
    /** Whether rule time is measured (`timings`, the time budget's slowest rule). */
    private readonly timed: boolean,
  ) {}

  /** Runs rule code; a throwing rule is reported once and skipped for the rest of the file. */
  guard<T>(ruleId: string, action: () => T): T | undefined {
    if (this.crashedRules.has(ruleId)) return undefined;
    const started = this.timed ? performance.now() : 0;
    try {
      return action();
    } catch (error) {
      this.ruleFailed(ruleId, error);
      return undefined;
    } finally {
      if (this.timed) this.addRuleTime(ruleId, started);
    }
  }

  /** Runs a rule's syntax handlers on their nodes; a throw skips the rest of them, as `guard` does. */
  guardVisits(ruleId: string, handles: readonly SyntaxHandler[], nodes: readonly SyntaxNode[]): void {
    if (this.crashedRules.has(ruleId)) return;
    const started = this.timed ? performance.now() : 0;
    try {
      for (let index = 0; index < handles.length; index++) handles[index]!(nodes[index]!);
    } catch (error) {
      this.ruleFailed(ruleId, error);
    }
    if (this.timed) this.addRuleTime(ruleId, started);
  }

  private addRuleTime(ruleId: string, started: number): void {
    this.ruleMs.set(ruleId, (this.ruleMs.get(ruleId) ?? 0) + performance.now() - started);
  }

  private ruleFailed(ruleId: string, error: unknown): void {
    this.crashedRules.add(ruleId);
    this.notice({ kind: 'rule-error', ruleId, message: `rule ${ruleId} failed: ${errorMessage(error)}` });
  }

  /** Adds a `slow-analysis` notice naming the slowest rule when the analysis took longer than `budgetMs`. */
  checkBudget(elapsedMs: number, budgetMs: number): void {
    if (elapsedMs <= budgetMs) return;
    let slowest: [string, number] | undefined;
    for (const entry of this.ruleMs) if (!slowest || entry[1] > slowest[1]) slowest = entry;
    const rule = slowest ? `; slowest rule: ${slowest[0]} (${Math.round(slowest[1])} ms)` : '';
    const parse = this.parseMs >= 1 ? `; parsing ${Math.round(this.parseMs)} ms` : '';
    this.notice({
      kind: 'slow-analysis',
      ...(slowest ? { ruleId: slowest[0] } : {}),
      message: `analysis took ${Math.round(elapsedMs)} ms, over the ${budgetMs} ms budget${rule}${parse}`,
    });
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

  /** Runs a parser and counts its time as parsing. */
  parsing<T>(action: () => T): T {
    const started = performance.now();
    try {
      return action();
    } finally {
      this.parseMs += performance.now() - started;
    }
  }

  result(active: readonly ActiveRule[], customizations: readonly RuleCustomization[], withTimings: boolean): AnalysisResult {
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
    return {
      findings,
      notices: this.notices,
      ...(this.modelTexts?.length ? { modelTexts: this.modelTexts } : {}),
      ...(withTimings ? { timings: { parseMs: this.parseMs, ruleMs: Object.fromEntries(this.ruleMs) } } : {}),
    };
  }
}
