import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix, TextEdit } from '../analyzer/finding';
import { fileDirectiveText, nextLineDirectiveText } from '../analyzer/suppressions';
import { nonOverlappingFixes } from '../analyzer/text-edits';
import { Commands, DIAGNOSTIC_SOURCE, FIX_ALL_CODE_ACTION_KIND } from '../protocol';
import { isFindingData, type FindingData } from './to-diagnostic';

/** Where a strict-JSON file's suppressions go, when the client can create and edit that file. */
export interface IgnoreFileTarget {
  uri: string;
  /** Current content, or undefined when the file does not exist yet. */
  text: string | undefined;
  /** The document's path relative to the ignore file's folder. */
  relativePath: string;
}

export interface CodeActionInputs {
  document: TextDocument;
  /** Line-comment marker of the document's syntax; undefined for strict JSON. */
  lineComment: '//' | '#' | undefined;
  ignoreFile: IgnoreFileTarget | undefined;
  /** Safe fixes of the current findings, for fix-all. */
  safeFixes: readonly Fix[];
  useDocumentChanges: boolean;
}

/** Quick fixes and suppressions for MCP Warden diagnostics, rebuilt from `Diagnostic.data`. */
export function codeActions(params: CodeActionParams, inputs: CodeActionInputs): CodeAction[] {
  const only = params.context.only;
  if (only) {
    // Fix-on-save asks for `source.fixAll`; the Source Action menu for `source`.
    if (only.some((kind) => kind === FIX_ALL_CODE_ACTION_KIND || kind === CodeActionKind.SourceFixAll || kind === CodeActionKind.Source)) return fixAll(inputs);
    if (!only.includes(CodeActionKind.QuickFix)) return [];
  }

  const fixes: CodeAction[] = [];
  const others = new Map<string, CodeAction>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isFindingData(diagnostic.data)) continue;
    const data = diagnostic.data;
    const isCurrent = data.version === inputs.document.version;
    if (isCurrent) {
      data.fixes.forEach((fix, index) => {
        fixes.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: index === 0, edit: editOf(inputs, fix.edits) });
      });
      for (const action of suppressions(diagnostic, data, inputs)) if (!others.has(action.title)) others.set(action.title, action);
    }
    const docs = `Show documentation for ${data.ruleId}`;
    if (!others.has(docs)) {
      others.set(docs, { title: docs, kind: CodeActionKind.QuickFix, command: { title: docs, command: Commands.showRuleDocumentation, arguments: [data.ruleId] } });
    }
  }
  return [...fixes, ...others.values()];
}

function fixAll(inputs: CodeActionInputs): CodeAction[] {
  const chosen = nonOverlappingFixes(inputs.safeFixes);
  if (chosen.length === 0) return [];
  return [{ title: 'Fix all safe MCP Warden problems', kind: FIX_ALL_CODE_ACTION_KIND, edit: editOf(inputs, chosen.flatMap((fix) => fix.edits)) }];
}

function suppressions(diagnostic: Diagnostic, data: FindingData, inputs: CodeActionInputs): CodeAction[] {
  const { document, lineComment } = inputs;
  const text = document.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (lineComment) {
    const anchor = data.suppressionAnchor;
    const indentation = /^[ \t]*/.exec(text.slice(anchor))?.[0] ?? '';
    return [
      {
        title: `Suppress ${data.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: editOf(inputs, [{ start: anchor, end: anchor, newText: `${indentation}${nextLineDirectiveText(lineComment, data.ruleId)}${eol}` }]),
      },
      {
        title: `Suppress ${data.ruleId} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: editOf(inputs, [{ start: fileDirectiveOffset(text), end: fileDirectiveOffset(text), newText: `${fileDirectiveText(lineComment, data.ruleId)}${eol}` }]),
      },
    ];
  }
  const target = inputs.ignoreFile;
  if (!target || !inputs.useDocumentChanges) return [];
  const existing = target.text;
  const separator = existing === undefined || existing === '' || existing.endsWith('\n') ? '' : '\n';
  const line = `${separator}${target.relativePath.replace(/ /g, '\\ ')} ${data.ruleId} -- <reason>\n`;
  const insertAt = existing === undefined ? { line: 0, character: 0 } : endPosition(existing);
  const edit: WorkspaceEdit = {
    documentChanges: [
      ...(existing === undefined ? [{ kind: 'create' as const, uri: target.uri, options: { ignoreIfExists: true } }] : []),
      { textDocument: { uri: target.uri, version: null }, edits: [{ range: { start: insertAt, end: insertAt }, newText: line }] },
    ],
  };
  return [{ title: `Ignore ${data.ruleId} in this file (.mcpwardenignore)`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit }];
}

/** After a shebang and a Python encoding declaration, which must stay on the first lines. */
function fileDirectiveOffset(text: string): number {
  let offset = 0;
  for (let line = 0; line < 2; line++) {
    const end = text.indexOf('\n', offset);
    const lineText = text.slice(offset, end === -1 ? text.length : end);
    const keep = (line === 0 && lineText.startsWith('#!')) || /^#.*coding[:=]/.test(lineText);
    if (!keep || end === -1) break;
    offset = end + 1;
  }
  return offset;
}

function endPosition(text: string): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

function editOf(inputs: CodeActionInputs, edits: readonly TextEdit[]): WorkspaceEdit {
  const { document } = inputs;
  const lspEdits: LspTextEdit[] = edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText }));
  if (inputs.useDocumentChanges) return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lspEdits }] };
  return { changes: { [document.uri]: lspEdits } };
}
