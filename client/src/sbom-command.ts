/**
 * `MCP Warden: Generate SBOM`: pick a workspace folder, let the language server build a CycloneDX
 * SBOM from its lockfiles (server/src/sbom), save it where the user chooses and open it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, GenerateSbomRequest } from '../../server/src/protocol';

export function registerSbomCommand(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(vscode.commands.registerCommand(Commands.generateSbom, () => generateSbom(client)));
}

async function generateSbom(client: LanguageClient): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('MCP Warden: open a folder with a lockfile (package-lock.json, pnpm-lock.yaml, yarn.lock, uv.lock, poetry.lock) to generate an SBOM.');
    return;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Generate a CycloneDX SBOM of which folder?' });
  if (!folder) return;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'MCP Warden: reading lockfiles' }, () =>
    client.sendRequest(GenerateSbomRequest.type, { folderUri: folder.uri.toString() }),
  );
  if (!result.ok || result.json === undefined) {
    void vscode.window.showErrorMessage(`MCP Warden: ${result.error ?? 'no SBOM was generated'}`);
    return;
  }
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder.uri, 'sbom.cdx.json'),
    filters: { 'CycloneDX JSON': ['json'] },
    saveLabel: 'Save SBOM',
    title: 'Save the CycloneDX SBOM',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.json));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
  const skipped = result.warnings?.length ? ` Skipped: ${result.warnings.join('; ')}` : '';
  void vscode.window.showInformationMessage(`MCP Warden: SBOM with ${result.components ?? 0} components from ${(result.lockfiles ?? []).join(', ')}.${skipped}`);
}
