import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type Position,
  type PublishDiagnosticsParams,
  type ShowDocumentParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../../server/src/analyzer/analyze';
import { startServer } from '../../server/src/lsp/start-server';

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
  },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
  window: { showDocument: { support: true } },
};

export interface ClientOptions {
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  capabilities?: ClientCapabilities;
}

/** An LSP client for tests: drives a real server over a stream pair (in-process) or a child's stdio. */
export class TestClient {
  readonly logs: string[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly documents = new Map<string, TextDocument>();
  settings: Record<string, unknown>;

  private constructor(
    private readonly connection: ProtocolConnection,
    options: ClientOptions,
    private readonly onDispose: () => void,
  ) {
    this.settings = options.settings ?? {};
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    connection.listen();
  }

  /** Starts `startServer` in this process, connected through in-memory streams. */
  static async inProcess(analyzer: Promise<Analyzer>, options: ClientOptions = {}, docsDirectory?: string): Promise<TestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(serverConnection, { analyzer, debounceMs: 10, ...(docsDirectory ? { docsDirectory } : {}) });
    return TestClient.connect(toClient, toServer, options, () => serverConnection.dispose());
  }

  static async connect(input: Readable, output: Writable, options: ClientOptions, onDispose: () => void): Promise<TestClient> {
    const connection = createProtocolConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
    const client = new TestClient(connection, options, onDispose);
    const folder = options.workspaceFolder;
    await connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      workspaceFolders: folder ? [{ uri: pathToUri(folder), name: 'workspace' }] : null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, text: string): Promise<number> {
    const previous = this.document(uri);
    const version = previous.version + 1;
    this.documents.set(uri, TextDocument.create(uri, previous.languageId, version, text));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async fileChanged(uri: string): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  /** Waits (polling on notifications, never a fixed sleep) for diagnostics of the document's current version. */
  async diagnostics(uri: string, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const version = this.document(uri).version;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const latest = [...this.published].reverse().find((params) => params.uri === uri);
      if (latest && latest.version === version) return latest.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no diagnostics for ${uri}@${version} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Publications received so far for `uri`, oldest first. */
  publications(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((params) => params.uri === uri);
  }

  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (result ?? []).filter((action): action is CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  async request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** The document's text after applying the edit's changes to it (other files are ignored). */
  applied(uri: string, edit: WorkspaceEdit | undefined): string {
    const document = this.document(uri);
    const edits = [
      ...(edit?.changes?.[uri] ?? []),
      ...(edit?.documentChanges ?? []).flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? change.edits : [])),
    ];
    return TextDocument.applyEdits(document, edits.filter((textEdit): textEdit is TextEdit => 'newText' in textEdit));
  }

  /** Shuts the server down politely first, so nothing it still has in flight outlives the test. */
  async dispose(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    this.connection.dispose();
    this.onDispose();
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
