import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AnalysisStatusNotification, DIAGNOSTIC_SOURCE } from '../../server/src/protocol';
import { presentStatus } from './status-text';

/** The languages MCP Warden analyzes; the status item shows only for those documents. */
const SELECTOR: vscode.DocumentSelector = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'json', 'jsonc', 'dockerfile', 'toml', 'yaml', 'pip-requirements'];

const SEVERITY = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
} as const;

/**
 * The language status item ("{} MCP Warden" in the status bar's language area): how many MCP Warden
 * findings the active file has, a spinner while the server analyzes it, a warning naming the slowest
 * rule when its analysis went over the time budget, and a link to the Problems panel.
 */
export function registerStatusItem(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.languages.createLanguageStatusItem('mcpWarden.status', SELECTOR);
  item.name = 'MCP Warden';
  item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  const analyses = new Map<string, { analyzing: boolean; slow: string | undefined }>();
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    const findings = document ? vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE) : [];
    const analysis = document ? analyses.get(document.uri.toString()) : undefined;
    const shown = presentStatus({
      findings: findings.length,
      errors: findings.filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).length,
      analyzing: analysis?.analyzing ?? false,
      slow: analysis?.slow,
    });
    item.text = shown.text;
    item.detail = shown.detail;
    item.severity = SEVERITY[shown.severity];
    item.busy = shown.busy;
  };
  update();
  context.subscriptions.push(
    item,
    vscode.languages.onDidChangeDiagnostics(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    client.onNotification(AnalysisStatusNotification.type, ({ uri, analyzing, slow }) => {
      // The slow warning stays until an analysis of the file finishes within the budget.
      const previous = analyses.get(uri);
      analyses.set(uri, { analyzing, slow: analyzing ? previous?.slow : slow });
      update();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => analyses.delete(document.uri.toString())),
  );
}
