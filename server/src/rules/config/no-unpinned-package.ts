import { commandLines, packageRuns, parseSpec, type PackageRun } from '../../analyzer/config/known-mcp-packages';
import type { ConfigRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'unversioned' | 'tag' | 'range' | 'gitRef';

export default defineRule<MessageId>(
  {
    id: 'no-unpinned-package',
    group: 'config',
    description: 'Require MCP servers launched by package runners (npx, uvx, pipx run, …) to pin an exact package version',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-1357', 'CWE-829'],
    owaspMcp: 'MCP04',
    control: 7,
    fix: 'none',
    messages: {
      unversioned:
        "MCP server '{{server}}' runs '{{spec}}' through `{{runner}}` without a version{{autoYes}}: every start installs whatever the registry serves as latest, so a hijacked or malicious release runs with your privileges the next time the client starts the server. Pin an exact version: {{example}}.",
      tag: "MCP server '{{server}}' runs '{{spec}}' through `{{runner}}`: the tag '{{version}}' moves with every release, so a hijacked or malicious release runs with your privileges the next time the client starts the server. Pin an exact version instead: {{example}}.",
      range:
        "MCP server '{{server}}' runs '{{spec}}' through `{{runner}}`: the range '{{version}}' accepts new releases, so a hijacked or malicious release within it runs with your privileges the next time the client starts the server. Pin an exact version: {{example}}.",
      gitRef:
        "MCP server '{{server}}' runs '{{spec}}' through `{{runner}}` from a branch or tag, which can be moved to different code at any time. Pin a full commit hash (`#<commit>` for npm, `@<commit>` for pip).",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://docs.npmjs.com/cli/v11/commands/npx',
      'https://docs.astral.sh/uv/guides/tools/',
      'https://cwe.mitre.org/data/definitions/1357.html',
    ],
  },
  {
    'mcp-config': (context) => {
      for (const server of context.config.servers) {
        for (const line of commandLines(server)) for (const run of packageRuns(line.argv)) check(context, server.name, run);
      }
    },
  },
);

/** How to write `name` pinned for this runner. */
function example(run: PackageRun, name: string): string {
  if (run.ecosystem === 'pypi') {
    const exactForm = run.via === 'positional' && run.runner !== 'pipx run' ? `${name}@<version>` : `${name}==<version>`;
    return `\`${exactForm}\` (list versions with \`pip index versions ${name}\`)`;
  }
  if (run.ecosystem === 'jsr') return `\`jsr:${name}@<version>\``;
  return `\`${run.runner === 'deno run' ? 'npm:' : ''}${name}@<version>\` (the current one: \`npm view ${name} version\`)`;
}

function check(context: ConfigRuleContext<MessageId>, server: string, run: PackageRun): void {
  const parsed = parseSpec(run.ecosystem, run.spec);
  const specRange = run.arg.range(run.offset, run.offset + run.spec.length);
  if (parsed.kind === 'git') {
    if (!parsed.pinned) context.report({ messageId: 'gitRef', data: { server, spec: run.spec, runner: run.runner }, ...specRange });
    return;
  }
  if (parsed.kind !== 'registry' || parsed.pin === 'exact') return;
  const data = { server, spec: run.spec, runner: run.runner, version: parsed.version ?? '', example: example(run, parsed.name), autoYes: '' };
  if (parsed.pin === 'none') {
    if (run.autoYes) data.autoYes = ` and \`${run.autoYes.value}\` installs it without asking`;
    context.report({ messageId: 'unversioned', data, ...specRange });
    return;
  }
  // Underline the tag or range itself.
  const versionStart = run.offset + parsed.versionStart;
  const range = run.arg.range(versionStart, run.offset + run.spec.length);
  context.report({ messageId: parsed.pin === 'tag' ? 'tag' : 'range', data, ...range });
}
