import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/protocol';

/** The languages MCP Warden analyzes; the status item shows only for those documents. */
const SELECTOR: vscode.DocumentSelector = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'json', 'jsonc', 'dockerfile', 'toml', 'yaml', 'pip-requirements'];

/**
 * The language status item ("{} MCP Warden" in the status bar's language area): how many MCP Warden
 * findings the active file has, and a link to the Problems panel.
 */
export function registerStatusItem(context: vscode.ExtensionContext): void {
  const item = vscode.languages.createLanguageStatusItem('mcpWarden.status', SELECTOR);
  item.name = 'MCP Warden';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    const findings = document ? vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE) : [];
    const errors = findings.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).length;
    item.text = findings.length === 0 ? '$(shield) MCP Warden' : `$(shield) MCP Warden: ${findings.length}`;
    item.detail = findings.length === 0 ? 'no findings in this file' : `${findings.length} finding${findings.length === 1 ? '' : 's'}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`;
    item.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : findings.length > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  };
  update();
  context.subscriptions.push(item, vscode.languages.onDidChangeDiagnostics(update), vscode.window.onDidChangeActiveTextEditor(update));
}
