import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { SourceSpan } from '../../analyzer/config/config-model';
import type { TextEdit } from '../../analyzer/finding';
import { commandSignal } from '../../analyzer/manifest/command-signals';
import type { ManifestString, VsCodeTask } from '../../analyzer/manifest/manifest-model';
import type { FixDescriptor, ManifestRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'autorun';

export default defineRule<MessageId>(
  {
    id: 'no-autorun-task',
    group: 'supply-chain',
    description: 'Disallow VS Code tasks that run on folder open and download, install or run shell code',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-829', 'CWE-506'],
    owaspMcp: 'MCP04',
    control: 7,
    fix: 'suggestion',
    messages: {
      autorun:
        "Task {{label}} has `\"runOn\": \"folderOpen\"` and {{what}} (`{{command}}`): once automatic tasks are allowed, merely opening this folder (a fresh clone, a pull-request branch) runs it without a prompt, with the developer's credentials and MCP client configuration within reach. This is the shape of install-time backdoors planted in repositories; run the task by hand instead.",
    },
    references: [
      'https://code.visualstudio.com/docs/debugtest/tasks#_run-behavior',
      'https://code.visualstudio.com/docs/editing/workspaces/workspace-trust',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#local-mcp-server-compromise',
      'https://cwe.mitre.org/data/definitions/829.html',
    ],
  },
  {
    manifest: (context) => {
      if (context.format !== 'vscode-tasks') return;
      for (const task of context.manifest.tasks) {
        if (task.runOn?.value !== 'folderOpen') continue;
        const found = dangerousCommand(task);
        if (!found) continue;
        context.report({
          messageId: 'autorun',
          data: { label: task.label ? `'${task.label}'` : '(unnamed)', what: found.what, command: shorten(found.command) },
          start: task.runOn.start,
          end: task.runOn.end,
          related: [{ ...found.range, message: 'the command that runs on folder open' }],
          fixes: removalFix(context, task),
        });
      }
    },
  },
);

function shorten(command: string): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine;
}

/** The first command line of the task (any OS variant) that downloads, installs or runs shell code. */
function dangerousCommand(task: VsCodeTask): { what: string; command: string; range: SourceSpan } | undefined {
  if (task.type === 'npm' && task.npmScript && /^(?:install|ci)$/.test(task.npmScript.value)) {
    return { what: `runs \`npm ${task.npmScript.value}\`, which installs packages and runs their install scripts`, command: `npm ${task.npmScript.value}`, range: span(task.npmScript) };
  }
  for (const { command, args } of task.commands) {
    const line = [command.value, ...args.map((arg) => arg.value)].join(' ');
    const signal = commandSignal(line);
    if (signal) return { what: signal.description, command: line, range: span(command) };
  }
  return undefined;
}

function span(value: ManifestString): SourceSpan {
  return { start: value.start, end: value.end };
}

/** Removes `"runOn": "folderOpen"` (the whole `runOptions` when it holds nothing else). */
function removalFix(context: ManifestRuleContext<MessageId>, task: VsCodeTask): FixDescriptor[] {
  const property = task.runOnAlone ? task.runOptionsProperty : task.runOnProperty;
  if (!property) return [];
  const containerStart = task.runOnAlone ? task.range.start : task.runOptionsProperty!.start;
  return [{ title: 'Remove `runOn: folderOpen` (run the task by hand)', edits: propertyRemoval(context.source.text, containerStart, property) }];
}

/**
 * Edits removing one JSON property with its comma (the one after it, else the one before it,
 * comments skipped), and its whole line when it stands alone on it.
 */
function propertyRemoval(text: string, containerStart: number, property: SourceSpan): TextEdit[] {
  const lineStart = text.lastIndexOf('\n', property.start - 1) + 1;
  const newline = text.indexOf('\n', property.end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const scanner = createScanner(text, false);
  scanner.setPosition(property.end);
  let next = scanner.scan();
  while (next === SyntaxKind.Trivia || next === SyntaxKind.LineBreakTrivia) next = scanner.scan();
  const commaAfter = next === SyntaxKind.CommaToken ? { start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + 1 } : undefined;
  const ownLine = (end: number) => /^[ \t]*$/.test(text.slice(lineStart, property.start)) && /^[ \t]*\r?\n?$/.test(text.slice(end, lineEnd));
  if (commaAfter) {
    return [ownLine(commaAfter.end) ? { start: lineStart, end: lineEnd, newText: '' } : { start: property.start, end: commaAfter.end, newText: '' }];
  }
  // The last property: drop the comma that precedes it.
  scanner.setPosition(containerStart);
  let commaBefore: number | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && scanner.getTokenOffset() < property.start; token = scanner.scan()) {
    if (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia || token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) continue;
    commaBefore = token === SyntaxKind.CommaToken ? scanner.getTokenOffset() : undefined;
  }
  const edits: TextEdit[] = [ownLine(property.end) ? { start: lineStart, end: lineEnd, newText: '' } : { start: property.start, end: property.end, newText: '' }];
  if (commaBefore !== undefined) edits.unshift({ start: commaBefore, end: commaBefore + 1, newText: '' });
  return edits;
}
