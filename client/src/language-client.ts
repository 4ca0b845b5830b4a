import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { RestartPolicy } from './restart-policy';

// dotenv and http files are only hovered (JWTs in them are decoded); nothing in them is analyzed.
// pip-requirements: requirements*.txt with the Python extension; plaintext/yarn.lock files are matched by pattern below.
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'json', 'jsonc', 'dockerfile', 'toml', 'yaml', 'dotenv', 'http', 'pip-requirements'];
/** Project files VS Code has no language for without extensions: requirements files, `yarn.lock`, `uv.lock`, `poetry.lock`. */
const FILE_PATTERNS = ['**/requirements*.{txt,in}', '**/requirements/*.{txt,in}', '**/yarn.lock', '**/uv.lock', '**/poetry.lock'];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides which JSON files are MCP configurations; code files are all candidates.
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      ...FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ],
    outputChannel: output,
    diagnosticCollectionName: 'mcp-warden',
    errorHandler: createErrorHandler(output),
  };
  return new LanguageClient('mcpWarden', 'MCP Warden', serverOptions, clientOptions);
}

const GO_TO_OUTPUT = 'Go to output';

/**
 * Makes crash recovery explicit (see RestartPolicy) and keeps it to one notification per crash.
 * vscode-languageclient 11 logs a restart's message at info level and shows it only if
 * `revealOutputChannelOn` is Info, which would also pop up every other info log, so the restart
 * warning is shown here and marked handled. The give-up message is left to the library, which
 * shows it as an error notification with a "Go to output" button.
 */
function createErrorHandler(output: vscode.LogOutputChannel): ErrorHandler {
  const policy = new RestartPolicy();
  return {
    // Same budget as the library default (3 consecutive errors, then shut down), but the tolerated
    // errors only go to the output: a server that really died is reported once, by closed().
    error: (_error, _message, count) => (count !== undefined && count <= 3 ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown }),
    closed: () => {
      const decision = policy.onServerClosed();
      if (!decision.restart) return { action: CloseAction.DoNotRestart, message: decision.message };
      void vscode.window.showWarningMessage(decision.message, GO_TO_OUTPUT).then((choice) => {
        if (choice === GO_TO_OUTPUT) output.show(true);
      });
      return { action: CloseAction.Restart, message: decision.message, handled: true };
    },
  };
}
