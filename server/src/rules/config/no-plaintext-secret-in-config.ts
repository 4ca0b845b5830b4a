import type { Node as JsonNode } from 'jsonc-parser';
import { appendToArray, insertFirstProperty } from '../../analyzer/config/json-edits';
import type { ConfigString } from '../../analyzer/config/config-model';
import { propertyValue } from '../../analyzer/config/json-nodes';
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
  cline: 'Cline has no variable syntax: keep this file out of version control, or let the server read the secret from its own environment.',
  gemini: 'Reference an environment variable as $VAR instead.',
  zed: 'Zed has no variable syntax: keep the secret in the user settings only, never in a committed .zed/settings.json.',
  codex: 'Pass it from the environment instead: `env_vars = ["VAR"]` for stdio servers, `bearer_token_env_var` or `env_http_headers` for HTTP servers.',
  continue: 'Reference a Continue secret (`secrets.NAME` in a template expression) instead.',
  generic: 'Reference an environment variable instead of the literal value.',
};

/** How a client writes "the environment variable NAME" inside a value, for the clients that expand one. */
const ENV_REFERENCE: Partial<Record<McpClient, (name: string) => string>> = {
  'claude-code': (name) => `\${${name}}`,
  cursor: (name) => `\${env:${name}}`,
  windsurf: (name) => `\${env:${name}}`,
  gemini: (name) => `\${${name}}`,
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
      for (const server of context.config.servers) {
        for (const entry of server.env) if (entry.value) checkValue(context, server.name, `env.${entry.key}`, entry.key, entry.value);
        for (const entry of server.headers) if (entry.value) checkValue(context, server.name, `headers.${entry.key}`, entry.key, entry.value);
        server.args.forEach((argument, index, all) => checkValue(context, server.name, `args[${index}]`, argumentName(argument, all[index - 1]), argument));
        if (server.url) checkValue(context, server.name, 'url', undefined, server.url);
      }
    },
  },
);

/** The flag a value belongs to: `--api-key=abc` or `--api-key abc` name it `api-key`. */
function argumentName(argument: ConfigString, previous: ConfigString | undefined): string | undefined {
  const inline = /^--?([\w-]+)=/.exec(argument.value);
  if (inline) return inline[1];
  return previous ? /^--?([\w-]+)$/.exec(previous.value)?.[1] : undefined;
}

function checkValue(context: ConfigRuleContext<MessageId>, server: string, location: string, name: string | undefined, text: ConfigString): void {
  const value = text.value;
  const candidate = name !== undefined && location.startsWith('args') ? value.replace(/^--?[\w-]+=/, '') : value;
  const offsetInValue = value.length - candidate.length;
  for (const secret of findSecrets(candidate, name)) {
    const shifted = { ...secret, start: secret.start + offsetInValue, end: secret.end + offsetInValue };
    context.report({
      messageId: 'plaintextSecret',
      data: { kind: secret.kind, location, server, advice: CLIENT_ADVICE[context.client] },
      ...text.decoded.sourceRange(shifted.start, shifted.end),
      fixes: context.format === 'vscode' && context.root ? inputFix(context, context.root, server, location, name, text, shifted) : environmentFix(context, location, name, text, shifted),
    });
  }
}

/** Clients that expand environment variables: replace the literal with a reference the user then sets. */
function environmentFix(context: ConfigRuleContext<MessageId>, location: string, name: string | undefined, text: ConfigString, secret: SecretMatch): FixDescriptor[] {
  const reference = ENV_REFERENCE[context.client];
  if (!reference || context.config.syntax !== 'json') return [];
  const variable = (name ?? location).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'SECRET';
  const replaced = `${text.value.slice(0, secret.start)}${reference(variable)}${text.value.slice(secret.end)}`;
  return [{ title: `Read it from the environment variable ${variable} (${reference(variable)})`, edits: [{ start: text.start, end: text.end, newText: JSON.stringify(replaced) }] }];
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
  root: JsonNode,
  server: string,
  location: string,
  name: string | undefined,
  text: ConfigString,
  secret: SecretMatch,
): FixDescriptor[] {
  const inputs = propertyValue(root, 'inputs');
  if (inputs && inputs.type !== 'array') return [];
  const existingIds = new Set(
    (inputs?.children ?? []).map((input): unknown => propertyValue(input, 'id')?.value).filter((id): id is string => typeof id === 'string'),
  );
  const id = uniqueInputId(kebabCase(name ?? location), server, existingIds);
  const value = text.value;
  const replaced = `${value.slice(0, secret.start)}\${input:${id}}${value.slice(secret.end)}`;
  const input = { type: 'promptString', id, description: `${name ?? location} for the '${server}' MCP server`, password: true };
  const inputEdit = inputs ? appendToArray(inputs, input, context.source) : insertFirstProperty(root, 'inputs', [input], context.source);
  return [
    {
      title: `Move the secret to a password input (\${input:${id}})`,
      edits: [{ start: text.start, end: text.end, newText: JSON.stringify(replaced) }, inputEdit],
    },
  ];
}
