import { commandLines, normalizePypiName, packageRuns, parseSpec, type PackageRun } from '../../analyzer/config/known-mcp-packages';
import type { Severity } from '../../analyzer/finding';
import { ADVISORY_TABLE_DATE, advisoriesFor, safeVersion, type McpAdvisory } from '../../analyzer/manifest/mcp-advisories';
import type { Dependency, Ecosystem } from '../../analyzer/manifest/manifest-model';
import type { ConfigRuleContext, FixDescriptor, ManifestRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'declared' | 'locked' | 'configured';

export default defineRule<MessageId>(
  {
    id: 'no-vulnerable-mcp-package',
    group: 'supply-chain',
    description: 'Disallow versions of MCP SDKs, servers and clients with known vulnerabilities in manifests, lockfiles and MCP client configurations',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-1395'],
    owaspMcp: 'MCP04',
    control: 7,
    fix: 'suggestion',
    messages: {
      declared: '`{{name}}` is pinned to {{version}}, which has known vulnerabilities: {{advisories}}. Upgrade to {{fixed}} or later.',
      locked: 'The lockfile installs `{{name}}` {{version}}, which has known vulnerabilities: {{advisories}}. Upgrade to {{fixed}} or later ({{command}}) and commit the updated lockfile.',
      configured: "MCP server '{{server}}' runs `{{name}}` {{version}} through `{{runner}}`, which has known vulnerabilities: {{advisories}}. Pin {{fixed}} or later.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://github.com/advisories/GHSA-6xpm-ggf7-wc3p',
      'https://github.com/advisories/GHSA-7f8r-222p-6f5g',
      'https://github.com/advisories/GHSA-w48q-cv73-mx4w',
      'https://github.com/advisories/GHSA-9h52-p55h-vw2f',
      'https://github.com/advisories/GHSA-hc55-p739-j48w',
      'https://cwe.mitre.org/data/definitions/1395.html',
    ],
  },
  {
    manifest: (context) => {
      const seen = new Set<string>();
      for (const dependency of context.manifest.dependencies) {
        if (dependency.pin !== 'exact' || !dependency.exactVersion) continue;
        const key = `${dependency.normalizedName}@${dependency.exactVersion}`;
        if (seen.has(key)) continue;
        seen.add(key);
        checkDependency(context, dependency, dependency.exactVersion);
      }
    },
    'mcp-config': (context) => {
      for (const server of context.config.servers) {
        for (const line of commandLines(server)) for (const run of packageRuns(line.argv)) checkRun(context, server.name, run);
      }
    },
  },
);

/** `GHSA-… (CVE-…): summary` for each advisory, most severe first. */
function describe(advisories: readonly McpAdvisory[]): string {
  return advisories.map((advisory) => `${advisory.id}${advisory.cve ? ` (${advisory.cve})` : ''}, ${advisory.summary}`).join('; ');
}

function details(advisories: readonly McpAdvisory[]): string {
  const lines = advisories.map((advisory) => `${advisory.id}${advisory.cve ? ` / ${advisory.cve}` : ''} (${advisory.severity}): ${advisory.summary}. Affected below ${advisory.fixedVersion}. ${advisory.url}`);
  return [...lines, `Advisory table of ${ADVISORY_TABLE_DATE} bundled with MCP Warden.`].join('\n');
}

const SEVERITY_ORDER = ['critical', 'high', 'moderate', 'low'];

/** Errors for critical and high advisories, warnings otherwise. */
function severityOf(advisories: readonly McpAdvisory[]): Severity | undefined {
  return advisories.some((advisory) => advisory.severity === 'critical' || advisory.severity === 'high') ? undefined : 'warning';
}

function sorted(advisories: McpAdvisory[]): McpAdvisory[] {
  return advisories.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

function upgradeCommand(ecosystem: Ecosystem, format: string, name: string, fixed: string): string {
  if (ecosystem === 'pypi') return format === 'poetry-lock' ? `\`poetry add ${name}@^${fixed}\`` : `\`uv lock --upgrade-package ${name}\``;
  if (format === 'pnpm-lock') return `\`pnpm update ${name}@${fixed}\``;
  if (format === 'yarn-lock') return `\`yarn up ${name}@${fixed}\``;
  return `\`npm install ${name}@${fixed}\`, or an \`overrides\` entry when it is a transitive dependency`;
}

function checkDependency(context: ManifestRuleContext<MessageId>, dependency: Dependency, version: string): void {
  const advisories = sorted(advisoriesFor(dependency.ecosystem, dependency.normalizedName, version));
  if (advisories.length === 0) return;
  const fixed = safeVersion(dependency.ecosystem, dependency.normalizedName, advisories);
  const where = dependency.exactVersionRange ?? dependency.nameRange;
  const data = { name: dependency.name, version, advisories: describe(advisories), fixed, command: upgradeCommand(dependency.ecosystem, context.format, dependency.name, fixed) };
  const severity = severityOf(advisories);
  const common = { data, ...where, details: details(advisories), ...(severity ? { severity } : {}) };
  if (dependency.origin === 'locked') {
    context.report({ messageId: 'locked', ...common });
    return;
  }
  const fixes: FixDescriptor[] = dependency.exactVersionRange ? [{ title: `Upgrade ${dependency.name} to ${fixed}`, edits: [{ ...dependency.exactVersionRange, newText: fixed }] }] : [];
  context.report({ messageId: 'declared', ...common, fixes });
}

/** The exact version of a runner spec and where it starts in the spec (`pkg@1.2.3`, `pkg==1.2.3`). */
function exactVersionOf(run: PackageRun): { name: string; version: string; offset: number } | undefined {
  const parsed = parseSpec(run.ecosystem, run.spec);
  if (parsed.kind !== 'registry' || parsed.pin !== 'exact' || !parsed.version) return undefined;
  const match = /(\d[^\s,;=]*)\s*$/.exec(parsed.version);
  if (!match) return undefined;
  return { name: parsed.name, version: match[1]!, offset: parsed.versionStart + match.index };
}

function checkRun(context: ConfigRuleContext<MessageId>, server: string, run: PackageRun): void {
  if (run.ecosystem === 'jsr') return;
  const exact = exactVersionOf(run);
  if (!exact) return;
  const ecosystem: Ecosystem = run.ecosystem;
  const name = ecosystem === 'pypi' ? normalizePypiName(exact.name) : exact.name;
  const advisories = sorted(advisoriesFor(ecosystem, name, exact.version));
  if (advisories.length === 0) return;
  const fixed = safeVersion(ecosystem, name, advisories);
  const start = run.offset + exact.offset;
  const range = run.arg.range(start, start + exact.version.length);
  const severity = severityOf(advisories);
  context.report({
    messageId: 'configured',
    data: { server, name: exact.name, version: exact.version, runner: run.runner, advisories: describe(advisories), fixed },
    ...range,
    details: details(advisories),
    ...(severity ? { severity } : {}),
    fixes: [{ title: `Run ${exact.name} ${fixed}`, edits: [{ ...range, newText: fixed }] }],
  });
}
