import type { ConfigEntry, ConfigString, ConfiguredServer } from '../../analyzer/config/config-model';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import type { Severity, TextEdit } from '../../analyzer/finding';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'tlsOverrideEnv' | 'tlsOverrideArgument';

interface EnvironmentOverride {
  /** Matches the variable name (case-insensitive where the tool reads it so). */
  name: RegExp;
  /** Whether the value turns verification off. */
  disables: (value: string) => boolean;
  effect: string;
  severity?: Severity;
  /** The override affects package downloads, not the server's own connections. */
  packages?: true;
}

const CONNECTION_CONSEQUENCE = 'Anyone who can intercept its traffic can impersonate the upstream API or authorization server and read the tokens the server sends.';
const PACKAGE_CONSEQUENCE = 'Anyone who can intercept the download can substitute the code the client then runs with your privileges.';

const FALSY = /^\s*(?:0|false|no|off|n)\s*$/i;
const TRUTHY = /^\s*(?:1|true|yes|on|y)\s*$/i;

const ENVIRONMENT_OVERRIDES: EnvironmentOverride[] = [
  {
    name: /^NODE_TLS_REJECT_UNAUTHORIZED$/,
    disables: (value) => value.trim() === '0',
    effect: 'turns off certificate verification for every TLS connection the Node.js process makes',
  },
  {
    name: /^PYTHONHTTPSVERIFY$/,
    disables: (value) => value.trim() === '0',
    effect: "turns off certificate verification in Python's urllib/http.client (PEP 493)",
  },
  {
    name: /^CURL_CA_BUNDLE$/,
    disables: (value) => value.trim() === '',
    effect: 'turns off certificate verification in Python requests before 2.28 (an empty bundle was read as verify=False)',
    severity: 'warning',
  },
  {
    name: /^REQUESTS_CA_BUNDLE$/,
    disables: (value) => value.trim() === '',
    effect: 'turns off certificate verification in botocore/boto3 clients (an empty bundle is read as "do not verify")',
    severity: 'warning',
  },
  {
    name: /^GIT_SSL_NO_VERIFY$/,
    disables: () => true,
    effect: 'turns off certificate verification for git over HTTPS (git checks only that the variable is set, whatever its value)',
  },
  {
    name: /^NPM_CONFIG_STRICT_SSL$/i,
    disables: (value) => FALSY.test(value),
    effect: 'lets npm/npx download the server package without verifying the registry certificate',
    packages: true,
  },
  {
    name: /^YARN_STRICT_SSL$/,
    disables: (value) => FALSY.test(value),
    effect: 'lets yarn download packages without verifying the registry certificate',
    packages: true,
  },
  {
    name: /^(?:PIP_TRUSTED_HOST|UV_INSECURE_HOST)$/,
    disables: (value) => value.trim() !== '',
    effect: 'lets pip/uv fetch packages from these hosts without certificate verification (or over plain http)',
    packages: true,
  },
  {
    // Server-specific switches: JIRA_SSL_VERIFY=false, VERIFY_SSL=false, GRAFANA_TLS_VERIFY=0, …
    name: /^(?![A-Z0-9_]*[^A-Z0-9_]|_|[A-Z0-9_]*__|[A-Z0-9_]*_$)[A-Z0-9_]*?(?<![A-Z0-9])(?:(?:SSL|TLS)_?VERIFY|VERIFY_?(?:SSL|TLS|CERTS?))(?![A-Z0-9])/i,
    disables: (value) => FALSY.test(value),
    effect: "turns off the server's TLS certificate verification",
    severity: 'warning',
  },
  {
    // INSECURE_SKIP_VERIFY=true, K8S_SKIP_TLS_VERIFY=1, GRAFANA_TLS_SKIP_VERIFY=true, TLS_INSECURE=true, …
    name: /^(?![A-Z0-9_]*[^A-Z0-9_]|_|[A-Z0-9_]*__|[A-Z0-9_]*_$)[A-Z0-9_]*?(?<![A-Z0-9])(?:INSECURE_SKIP_(?:TLS_)?VERIFY|SKIP_(?:SSL|TLS)_VERIF(?:Y|ICATION)|(?:SSL|TLS)_SKIP_VERIF(?:Y|ICATION)|(?:SSL|TLS)_INSECURE|INSECURE_(?:SSL|TLS))(?![A-Z0-9])/i,
    disables: (value) => TRUTHY.test(value),
    effect: "turns off the server's TLS certificate verification",
    severity: 'warning',
  },
];

/** Flags that turn off certificate checks, whatever the command (`kubectl`, `aws`, `wget`, …). */
const INSECURE_FLAGS = /^--(?:insecure-skip-tls-verify|insecure-skip-verify|skip-tls-verify|tls-skip-verify|skip-ssl-verify|ssl-no-verify|no-verify-ssl|no-check-certificate|disable-ssl-verification|no-ssl-verify|tls-verify=false|ssl-verify=false|verify-ssl=false|insecure-tls)(?:=(?:true|1))?$/i;
/** curl's own `--insecure` / `-k` (also in a short-flag cluster such as `-skL`). */
const CURL_INSECURE = /^(?:--insecure|-[a-zA-Z]*k[a-zA-Z]*)$/;

export default defineRule<MessageId>(
  {
    id: 'no-tls-override-in-config',
    group: 'config',
    description: 'Disallow environment variables and flags that turn off TLS certificate verification for MCP servers',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-295'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'suggestion',
    messages: {
      tlsOverrideEnv:
        "MCP server '{{server}}' sets {{name}}={{value}}, which {{effect}}. {{consequence}} Remove it and trust a private CA instead ({{caAdvice}}).",
      tlsOverrideArgument:
        "MCP server '{{server}}' passes '{{flag}}' to {{command}}, which turns off certificate verification: anyone who can intercept the connection can impersonate the remote end and read the credentials sent to it. Remove the flag and trust a private CA instead.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#communication-security',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
      'https://cwe.mitre.org/data/definitions/295.html',
    ],
  },
  {
    'mcp-config': (context) => {
      for (const server of context.config.servers) {
        server.env.forEach((entry, index) => checkEnvironment(context, server, entry, index));
        checkArguments(context, server);
      }
    },
  },
);

function overrideOf(name: string, value: string): EnvironmentOverride | undefined {
  return ENVIRONMENT_OVERRIDES.find((override) => override.name.test(name) && override.disables(value));
}

function caAdvice(name: string): string {
  if (/^NODE_/.test(name)) return 'NODE_EXTRA_CA_CERTS=/path/to/ca.pem';
  if (/^(?:PYTHON|CURL_|REQUESTS_)/.test(name)) return 'SSL_CERT_FILE or REQUESTS_CA_BUNDLE=/path/to/ca.pem';
  if (/^GIT_/.test(name)) return 'GIT_SSL_CAINFO=/path/to/ca.pem';
  if (/NPM|YARN/i.test(name)) return 'NPM_CONFIG_CAFILE=/path/to/ca.pem';
  if (/^(?:PIP|UV)_/.test(name)) return 'PIP_CERT or SSL_CERT_FILE=/path/to/ca.pem';
  return "the server's CA-bundle setting";
}

/** The value as the client passes it: strings as written, numbers and booleans from their source text. */
function entryValue(context: ConfigRuleContext<MessageId>, entry: ConfigEntry): string | undefined {
  if (entry.value) return entry.value.value;
  const raw = context.source.text.slice(entry.keyRange.end, entry.end).replace(/^["']?\s*[:=]\s*/, '').trim();
  return /^(?:-?\d+(?:\.\d+)?|true|false)$/.test(raw) ? raw : undefined;
}

function checkEnvironment(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, entry: ConfigEntry, index: number): void {
  const value = entryValue(context, entry);
  if (value === undefined) return;
  const override = overrideOf(entry.key, value);
  if (!override) return;
  const fix = removeEntryFix(context, server.env, index);
  context.report({
    messageId: 'tlsOverrideEnv',
    ...(override.severity ? { severity: override.severity } : {}),
    data: { server: server.name, name: entry.key, value: JSON.stringify(value), effect: override.effect, consequence: override.packages ? PACKAGE_CONSEQUENCE : CONNECTION_CONSEQUENCE, caAdvice: caAdvice(entry.key) },
    start: entry.start,
    end: entry.end,
    fixes: fix ? [fix] : [],
  });
}

function basename(command: string): string {
  return command.replace(/\\/g, '/').replace(/^.*\//, '').replace(/\.exe$/i, '').toLowerCase();
}

function checkArguments(context: ConfigRuleContext<MessageId>, server: ConfiguredServer): void {
  const command = server.command ? basename(server.command.value) : '';
  const isCurl = command === 'curl';
  server.args.forEach((argument: ConfigString, index) => {
    const text = argument.value.trim();
    // `env NODE_TLS_REJECT_UNAUTHORIZED=0 node …`, `docker run -e NODE_TLS_REJECT_UNAUTHORIZED=0 …`
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
    if (assignment) {
      const override = overrideOf(assignment[1]!, assignment[2]!);
      if (override) {
        context.report({
          messageId: 'tlsOverrideEnv',
          ...(override.severity ? { severity: override.severity } : {}),
          data: { server: server.name, name: assignment[1]!, value: JSON.stringify(assignment[2]!), effect: override.effect, consequence: override.packages ? PACKAGE_CONSEQUENCE : CONNECTION_CONSEQUENCE, caAdvice: caAdvice(assignment[1]!) },
          start: argument.start,
          end: argument.end,
        });
      }
      return;
    }
    // curl's -k only counts before the URL list ends; a lone `-k` after `-H` is a header value, not a flag.
    const previous = server.args[index - 1]?.value;
    const curlFlag = isCurl && CURL_INSECURE.test(text) && !(previous && /^-(?:H|d|u|o|X|A|e|b|c|F)$|^--(?:header|data|user|output|request)$/.test(previous));
    if (curlFlag || INSECURE_FLAGS.test(text)) {
      context.report({ messageId: 'tlsOverrideArgument', data: { server: server.name, flag: text, command: command || 'the server' }, start: argument.start, end: argument.end });
    }
  });
}

/**
 * Removes `entries[index]` when it sits on lines of its own (JSON, TOML and block YAML alike):
 * the entry's lines go, and in JSON the comma that separated it from its neighbour. Returns
 * undefined when the layout is unusual (several entries on a line, inline tables, the last entry
 * of a YAML mapping), where a text edit could break the file.
 */
function removeEntryFix(context: ConfigRuleContext<MessageId>, entries: readonly ConfigEntry[], index: number): FixDescriptor | undefined {
  const text = context.source.text;
  const entry = entries[index]!;
  const lineStart = text.lastIndexOf('\n', entry.start - 1) + 1;
  if (text.slice(lineStart, entry.start).trim() !== '') return undefined;
  const syntax = context.config.syntax;
  let after = entry.end;
  // In JSON, the entry's own trailing comma.
  const trailing = /^[ \t]*,/.exec(text.slice(after));
  if (syntax === 'json' && trailing) after += trailing[0].length;
  const rest = /^[ \t]*(?:(?:#|\/\/)[^\n]*)?(?:\r?\n|$)/.exec(text.slice(after));
  if (!rest) return undefined;
  const edits: TextEdit[] = [{ start: lineStart, end: after + rest[0].length, newText: '' }];
  if (syntax === 'yaml' && entries.length === 1) return undefined;
  if (syntax === 'json' && !trailing) {
    // The last entry: drop the comma after the previous one (unless there is none).
    const previous = entries[index - 1];
    if (previous) {
      const comma = /^[ \t]*,/.exec(text.slice(previous.end));
      if (!comma) return undefined;
      const at = previous.end + comma[0].length - 1;
      edits.unshift({ start: at, end: at + 1, newText: '' });
    }
  }
  if (syntax === 'toml' && /[{}]/.test(text.slice(lineStart, after))) return undefined;
  return { title: `Remove ${entry.key}`, edits };
}
