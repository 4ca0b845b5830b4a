import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, ListRulesRequest, type RuleSummary } from '../../server/src/protocol';

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel): void {
  const rules = () => client.sendRequest(ListRulesRequest.type);

  /** Opens the rule's docs shipped in the extension, rendered; offline by design. */
  const showDocumentation = async (rule: RuleSummary) => {
    const file = vscode.Uri.joinPath(context.extensionUri, 'dist', 'docs', 'rules', rule.group, `${rule.id}.md`);
    await vscode.commands.executeCommand('markdown.showPreview', file);
  };

  const pickRule = async (all: RuleSummary[]) => {
    const picked = await vscode.window.showQuickPick(
      all.map((rule) => ({ label: rule.id, description: rule.defaultSeverity, detail: `${rule.description} · ${rule.cwe.join(', ')} · OWASP ${rule.owaspMcp}`, rule })),
      { placeHolder: 'MCP Warden rules', matchOnDescription: true, matchOnDetail: true },
    );
    return picked?.rule;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showRuleDocumentation, async (ruleId?: string) => {
      const all = await rules();
      const rule = all.find((candidate) => candidate.id === ruleId) ?? (await pickRule(all));
      if (rule) await showDocumentation(rule);
    }),
    vscode.commands.registerCommand(Commands.showRules, async () => {
      const rule = await pickRule(await rules());
      if (rule) await showDocumentation(rule);
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(Commands.restartServer, () => client.restart()),
  );
}
