import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

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
  };
  return new LanguageClient('mcpWarden', 'MCP Warden', serverOptions, clientOptions);
}
