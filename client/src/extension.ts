import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createLanguageClient } from './language-client';
import { registerSbomCommand } from './sbom-command';
import { registerServersView } from './servers-view';
import { registerStatusItem } from './status-item';
import { registerTokenCommands } from './token-commands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('MCP Warden', { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  registerCommands(context, client, output);
  registerTokenCommands(context, client);
  registerServersView(context, client);
  registerSbomCommand(context, client);
  registerStatusItem(context, client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
