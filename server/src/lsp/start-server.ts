import { performance } from 'node:perf_hooks';
import { siblingFilesOf } from '../host/sibling-files';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_TIME_BUDGET_MS, type Analyzer } from '../analyzer/analyze';
import type { Finding, ModelText, Notice } from '../analyzer/finding';
import { detectFileKind } from '../analyzer/file-kind';
import { isPathIncluded } from '../analyzer/file-filter';
import { IGNORE_FILE_NAME, ignoreDecision } from '../analyzer/ignore-file';
import { AnalysisStatusNotification, Commands, FIX_ALL_CODE_ACTION_KIND, GenerateSbomRequest, ListRulesRequest, TokenRequest, type RuleSummary } from '../protocol';
import { handleTokenRequest } from '../token/requests';
import { handleSbomRequest } from '../sbom/request';
import { codeActions, type IgnoreFileTarget } from './code-actions';
import { hoverAt, jwtHoverAt } from './hover';
import { registerServerRequests } from './servers-requests';
import { SettingsCache } from './settings';
import { toDiagnostic } from './to-diagnostic';
import { uriToPath, Workspace } from './workspace';

export interface ServerOptions {
  analyzer: Promise<Analyzer>;
  /** Folder holding `<group>/<rule-id>.md` docs shipped with the server, for editors that ask the server to open them. */
  docsDirectory?: string;
  /** Delay between the last keystroke and analysis in `onType` mode. */
  debounceMs?: number;
  /** Per-file analysis budget (ms); over it, the slowest rule is logged and the user warned once. */
  timeBudgetMs?: number;
}

interface AnalyzedDocument {
  version: number;
  findings: Finding[];
  modelTexts: readonly ModelText[];
}

/** Wires the analyzer to an LSP connection; the process entry (server.ts) and the tests both call it. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  let capabilities: ClientCapabilities = {};
  const settings = new SettingsCache(connection, () => capabilities.workspace?.configuration === true);
  const analyzed = new Map<string, AnalyzedDocument>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const reportedNotices = new Set<string>();
  let warnedSlow = false;
  const debounceMs = options.debounceMs ?? 200;
  let folders: WorkspaceFolder[] = [];

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    workspace.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'mcp-warden' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mcpWarden' });
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${IGNORE_FILE_NAME}` }] });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        workspace.addFolders(event.added, event.removed);
        folders = [...folders.filter((folder) => !event.removed.some((gone) => gone.uri === folder.uri)), ...event.added];
        revalidateAll();
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    workspace.forgetIgnoreFiles();
    revalidateAll();
  });

  // Fired on open as well as on edits: a document never analyzed yet is analyzed at once, in every mode.
  documents.onDidChangeContent(({ document }) => {
    if (!analyzed.has(document.uri) && !pending.has(document.uri)) {
      schedule(document, 0);
      return;
    }
    void settings.get(document.uri).then((current) => {
      if (current.run === 'onType') schedule(document, debounceMs);
    });
  });
  documents.onDidSave(({ document }) => {
    void settings.get(document.uri).then((current) => {
      if (current.run === 'onSave') schedule(document, 0);
    });
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(pending.get(document.uri));
    pending.delete(document.uri);
    analyzed.delete(document.uri);
    settings.forget(document.uri);
    // The syntax tree kept for incremental parsing (the parser also caps how many it keeps).
    void options.analyzer.then((analyzer) => analyzer.forgetDocument(document.uri));
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  function schedule(document: TextDocument, delayMs: number): void {
    clearTimeout(pending.get(document.uri));
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        void validate(document.uri);
      }, delayMs),
    );
  }

  function revalidateAll(): void {
    for (const document of documents.all()) schedule(document, 0);
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    // A notification, not a request: clients without the status item just drop it.
    void connection.sendNotification(AnalysisStatusNotification.type, { uri, analyzing: true });
    let slow: string | undefined;
    try {
      const analysis = await analysisOf(document);
      const { findings, modelTexts } = analysis;
      slow = analysis.slow;
      const latest = documents.get(uri);
      if (latest && latest.version !== version) {
        // The text changed meanwhile. Its own analysis may be queued already (onType); if not
        // (onSave, off), analyze the latest text now so a settings change is never lost.
        if (!pending.has(uri)) schedule(latest, 0);
        return;
      }
      if (!latest) return;
      analyzed.set(uri, { version, findings, modelTexts });
      const analyzer = await options.analyzer;
      const diagnostics = findings.map((finding) => toDiagnostic(finding, document, analyzer.ruleById(finding.ruleId)?.meta.docsUrl ?? ''));
      await connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      connection.console.error(`MCP Warden could not analyze ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      void connection.sendNotification(AnalysisStatusNotification.type, { uri, analyzing: false, ...(slow ? { slow } : {}) });
    }
  }

  async function analysisOf(document: TextDocument): Promise<{ findings: Finding[]; modelTexts: readonly ModelText[]; slow?: string }> {
    const nothing = { findings: [], modelTexts: [] };
    const current = await settings.get(document.uri);
    if (!current.enable || current.run === 'off') return nothing;
    const location = workspace.locate(document.uri);
    if (!isPathIncluded(location.relativePath, current.include, current.exclude)) return nothing;
    const ignored = ignoreDecision(workspace.ignoreFileEntries(location.folder), location.relativePath);
    if (ignored.wholeFile) return nothing;
    const analyzer = await options.analyzer;
    // Manifest rules ask which lockfiles lie beside the file; only files on disk can tell.
    const siblingFiles = document.uri.startsWith('file:') ? siblingFilesOf(location.path, location.folder?.uri.startsWith('file:') ? uriToPath(location.folder.uri) : undefined) : undefined;
    const started = performance.now();
    const result = await analyzer.analyze(
      { path: location.path, text: document.getText(), languageId: document.languageId, documentKey: document.uri },
      { ruleCustomizations: current.rules.customizations, ignoredRules: ignored.rules, maxFileSizeKb: current.maxFileSizeKb, timeBudgetMs: options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS, ...(siblingFiles ? { siblingFiles } : {}) },
    );
    for (const notice of result.notices) logNotice(document.uri, notice);
    // Timings at debug level (the output channel's log level shows them): the path and counts, never the text.
    connection.console.debug(`${location.relativePath} v${document.version}: ${result.findings.length} findings in ${Math.round(performance.now() - started)} ms`);
    const slow = result.notices.find((notice) => notice.kind === 'slow-analysis')?.message;
    return { findings: result.findings, modelTexts: result.modelTexts ?? [], ...(slow ? { slow } : {}) };
  }

  /** Each kind of trouble is logged once per rule or document, so a broken rule cannot flood the output. */
  function logNotice(uri: string, notice: Notice): void {
    if (notice.kind === 'parse-error' && notice.offset !== undefined) return; // JSON syntax errors are the JSON language service's job.
    const key = notice.kind === 'rule-error' ? `rule:${notice.ruleId}` : `${notice.kind}:${uri}`;
    if (reportedNotices.has(key)) return;
    reportedNotices.add(key);
    const line = `${uri}: ${notice.message}`;
    if (notice.kind === 'rule-error') connection.console.error(line);
    else if (notice.kind === 'slow-analysis') connection.console.warn(line);
    else connection.console.info(line);
    if (notice.kind === 'slow-analysis' && !warnedSlow) {
      // Once per session: a message per slow file would be noise; the output has each file.
      warnedSlow = true;
      const name = uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf(':')) + 1);
      // A notification, not a request: nothing to await, and clients without message support just drop it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `MCP Warden: analyzing ${name} is slow: ${notice.message}. See the MCP Warden output for details.` });
    }
  }

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const location = workspace.locate(document.uri);
    const kind = detectFileKind(location.path, document.getText(), document.languageId);
    const current = analyzed.get(document.uri);
    const safeFixes = current?.version === document.version ? current.findings.flatMap((finding) => finding.fixes.filter((fix) => fix.kind === 'safe').slice(0, 1)) : [];
    const resourceOperations = capabilities.workspace?.workspaceEdit?.resourceOperations ?? [];
    const useDocumentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    return codeActions(params, {
      document,
      lineComment: kind?.lineComment,
      ignoreFile: resourceOperations.includes('create') ? ignoreFileTarget(location.folder, location.relativePath) : undefined,
      safeFixes,
      useDocumentChanges,
    });
  });

  function ignoreFileTarget(folder: ReturnType<Workspace['locate']>['folder'], relativePath: string): IgnoreFileTarget | undefined {
    if (!folder?.uri.startsWith('file:')) return undefined;
    const uri = workspace.ignoreFileUri(folder);
    const file = uriToPath(uri);
    return { uri, text: existsSync(file) ? readFileSync(file, 'utf8') : undefined, relativePath };
  }

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    const current = analyzed.get(params.textDocument.uri);
    if (!document) return null;
    // JWT hovers work in any open document, analyzed or not.
    if (current?.version !== document.version) return jwtHoverAt(document, params.position);
    return hoverAt(document, params.position, current.findings, current.modelTexts);
  });

  // Decode / audit / verify a token for the client's commands. Never logged: the token is in the params.
  connection.onRequest(TokenRequest.type, (params) => handleTokenRequest(params));

  // Generate SBOM: reads the folder's lockfiles (never runs a package manager or project code).
  connection.onRequest(GenerateSbomRequest.type, (params) => handleSbomRequest(params));

  // The MCP Servers view: list, report, and (on explicit request only) live inspection and pinning.
  registerServerRequests(connection, { analyzer: options.analyzer, documents, settings, workspace, folders: () => folders });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== Commands.showRuleDocumentation) return;
    const ruleId = String(params.arguments?.[0] ?? '');
    const rule = (await options.analyzer).ruleById(ruleId);
    if (!rule) return;
    const bundled = options.docsDirectory ? join(options.docsDirectory, rule.meta.group, `${ruleId}.md`) : undefined;
    if (bundled && existsSync(bundled)) await connection.window.showDocument({ uri: pathToFileURL(bundled).href, takeFocus: true });
    else await connection.window.showDocument({ uri: rule.meta.docsUrl, external: true });
  });

  connection.onRequest(ListRulesRequest.type, async (): Promise<RuleSummary[]> => {
    const analyzer = await options.analyzer;
    return analyzer.rules.map(({ meta }) => ({
      id: meta.id,
      group: meta.group,
      description: meta.description,
      defaultSeverity: meta.defaultSeverity,
      fix: meta.fix,
      cwe: meta.cwe,
      owaspMcp: meta.owaspMcp,
      docsUrl: meta.docsUrl,
    }));
  });

  // The analyzer belongs to whoever created it (the process entry, or a test sharing one).
  connection.onShutdown(() => {
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  });

  documents.listen(connection);
  connection.listen();
}
