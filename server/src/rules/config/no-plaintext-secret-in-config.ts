import type { Node as JsonNode } from 'jsonc-parser';
import { appendToArray, insertFirstProperty } from '../../analyzer/config/json-edits';
import { objectProperties, propertyValue, serverEntries } from '../../analyzer/config/json-nodes';
import type { McpClient } from '../../analyzer/file-kind';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { findSecrets, type SecretMatch } from '../../analyzer/text/secrets';

type MessageId = 'plaintextSecret';

/** Where each client can take a secret from instead of the file. */
const CLIENT_ADVICE: Record<McpClient, string> = {
  vscode: 'Use an `inputs` entry with "password": true and reference it as ${input:<id>}.',
  'claude-code': 'Reference an environment variable as ${VAR} instead.',
  'claude-desktop': 'Install the server as a Desktop Extension with a sensitive user_config field, or read it from the OS keychain.',
  cursor: 'Reference an environment variable as ${env:VAR} instead.',
  windsurf: 'Reference an environment variable as ${env:VAR} instead.',
  generic: 'Reference an environment variable instead of the literal value.',
};

export default defineRule<MessageId>(
  {
    id: 'no-plaintext-secret-in-config',
    group: 'config',
    description: 'Disallow plaintext credentials in MCP server configurations',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-798', 'CWE-312'],
    owaspMcp: 'MCP01',
    control: 7,
    fix: 'suggestion',
    messages: {
      plaintextSecret:
        "Plaintext {{kind}} in {{location}} of MCP server '{{server}}'. Anyone who can read this file (or its repository history) can use it. {{advice}}",
    },
    references: [
      'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration#_input-variables-for-sensitive-data',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://cwe.mitre.org/data/definitions/798.html',
    ],
  },
  {
    'mcp-config': (context) => {
      for (const server of serverEntries(context.root, context.format)) {
        for (const section of ['env', 'headers'] as const) {
          for (const { key, valueNode } of objectProperties(propertyValue(server.definition, section))) {
            checkValue(context, server.name, `${section}.${key}`, key, valueNode);
          }
        }
        const args = propertyValue(server.definition, 'args');
        (args?.type === 'array' ? (args.children ?? []) : []).forEach((argument, index, all) => {
          checkValue(context, server.name, `args[${index}]`, argumentName(argument, all[index - 1]), argument);
        });
      }
    },
  },
);

/** The flag a value belongs to: `--api-key=abc` or `--api-key abc` name it `api-key`. */
function argumentName(argument: JsonNode, previous: JsonNode | undefined): string | undefined {
  if (typeof argument.value !== 'string') return undefined;
  const inline = /^--?([\w-]+)=/.exec(argument.value);
  if (inline) return inline[1];
  return typeof previous?.value === 'string' ? /^--?([\w-]+)$/.exec(previous.value)?.[1] : undefined;
}

function checkValue(context: ConfigRuleContext<MessageId>, server: string, location: string, name: string | undefined, node: JsonNode): void {
  if (node.type !== 'string' || typeof node.value !== 'string') return;
  const value = node.value;
  const candidate = name !== undefined && location.startsWith('args') ? value.replace(/^--?[\w-]+=/, '') : value;
  const offsetInValue = value.length - candidate.length;
  for (const secret of findSecrets(candidate, name)) {
    const shifted = { ...secret, start: secret.start + offsetInValue, end: secret.end + offsetInValue };
    context.report({
      messageId: 'plaintextSecret',
      data: { kind: secret.kind, location, server, advice: CLIENT_ADVICE[context.client] },
      ...stringRange(context, node, shifted),
      fixes: context.format === 'vscode' ? inputFix(context, server, location, name, node, shifted) : [],
    });
  }
}

/** The secret's own source range when the string has no escapes; else the whole string. */
function stringRange(context: ConfigRuleContext<MessageId>, node: JsonNode, secret: SecretMatch): { start: number; end: number } {
  const raw = context.source.text.slice(node.offset + 1, node.offset + node.length - 1);
  if (raw === node.value) return { start: node.offset + 1 + secret.start, end: node.offset + 1 + secret.end };
  return { start: node.offset, end: node.offset + node.length };
}

function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

function uniqueInputId(preferred: string, server: string, existing: ReadonlySet<string>): string {
  const base = preferred || 'secret';
  if (!existing.has(base)) return base;
  const scoped = `${kebabCase(server)}-${base}`;
  if (!existing.has(scoped)) return scoped;
  let counter = 2;
  while (existing.has(`${scoped}-${counter}`)) counter++;
  return `${scoped}-${counter}`;
}

/** VS Code: move the literal into a password input and reference it with `${input:<id>}`. */
function inputFix(
  context: ConfigRuleContext<MessageId>,
  server: string,
  location: string,
  name: string | undefined,
  node: JsonNode,
  secret: SecretMatch,
): FixDescriptor[] {
  const inputs = propertyValue(context.root, 'inputs');
  if (inputs && inputs.type !== 'array') return [];
  const existingIds = new Set(
    (inputs?.children ?? []).map((input): unknown => propertyValue(input, 'id')?.value).filter((id): id is string => typeof id === 'string'),
  );
  const id = uniqueInputId(kebabCase(name ?? location), server, existingIds);
  const value = node.value as string;
  const replaced = `${value.slice(0, secret.start)}\${input:${id}}${value.slice(secret.end)}`;
  const input = { type: 'promptString', id, description: `${name ?? location} for the '${server}' MCP server`, password: true };
  const inputEdit = inputs ? appendToArray(inputs, input, context.source) : insertFirstProperty(context.root, 'inputs', [input], context.source);
  return [
    {
      title: `Move the secret to a password input (\${input:${id}})`,
      edits: [{ start: node.offset, end: node.offset + node.length, newText: JSON.stringify(replaced) }, inputEdit],
    },
  ];
}
