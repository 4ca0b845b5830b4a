import {
  commandLines,
  KNOWN_NPM_MCP_PACKAGES,
  KNOWN_PYPI_MCP_PACKAGES,
  normalizePypiName,
  packageRuns,
  parseSpec,
  type PackageRun,
} from '../../analyzer/config/known-mcp-packages';
import type { ConfigRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'nearName' | 'wrongEcosystem';

const NPM = new Set(KNOWN_NPM_MCP_PACKAGES);
const PYPI = new Set(KNOWN_PYPI_MCP_PACKAGES.map(normalizePypiName));
/** Official Python reference servers: an npm package of the same name is someone else's. */
const PYPI_ONLY = KNOWN_PYPI_MCP_PACKAGES.filter((name) => name.startsWith('mcp-server-') && !NPM.has(name));

export default defineRule<MessageId>(
  {
    id: 'no-typosquat-package',
    group: 'config',
    description: 'Flag MCP server packages whose names are one or two edits away from a well-known MCP server package',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-1357'],
    owaspMcp: 'MCP04',
    control: 7,
    fix: 'suggestion',
    messages: {
      nearName:
        "MCP server '{{server}}' runs the {{ecosystem}} package '{{name}}', {{distance}} away from the well-known '{{known}}'. Typosquatted look-alikes of popular MCP servers are a known way to get code run with your privileges; if you meant '{{known}}', correct the name, otherwise verify who publishes '{{name}}'.",
      wrongEcosystem:
        "MCP server '{{server}}' runs '{{name}}' from npm through `{{runner}}`, but the MCP reference server of that name is a Python package (run it with `uvx {{name}}`). The npm package is published by someone else; verify it before running it.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://owasp.org/www-project-mcp-top-10/',
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

function check(context: ConfigRuleContext<MessageId>, server: string, run: PackageRun): void {
  if (run.ecosystem === 'jsr') return;
  const parsed = parseSpec(run.ecosystem, run.spec);
  if (parsed.kind !== 'registry') return;
  const range = run.arg.range(run.offset, run.offset + parsed.name.length);
  const name = run.ecosystem === 'pypi' ? normalizePypiName(parsed.name) : parsed.name.toLowerCase();
  if (run.ecosystem === 'npm' && PYPI_ONLY.includes(name)) {
    context.report({ messageId: 'wrongEcosystem', data: { server, name, runner: run.runner }, ...range });
    return;
  }
  const near = nearestKnown(name, run.ecosystem === 'pypi' ? PYPI : NPM);
  if (!near) return;
  const versionSuffix = run.spec.slice(parsed.name.length);
  context.report({
    messageId: 'nearName',
    data: { server, name: parsed.name, known: near.known, distance: near.distance === 1 ? 'one edit' : 'two edits', ecosystem: run.ecosystem === 'pypi' ? 'PyPI' : 'npm' },
    ...range,
    fixes:
      run.arg.item && run.offset === 0 && run.arg.value === run.spec
        ? [{ title: `Use '${near.known}'`, edits: [{ start: run.arg.item.start, end: run.arg.item.end, newText: JSON.stringify(`${near.known}${versionSuffix}`) }] }]
        : [],
  });
}

/** The well-known name `name` imitates, if any (exact matches and same-scope siblings are not imitations). */
function nearestKnown(name: string, known: ReadonlySet<string>): { known: string; distance: number } | undefined {
  if (known.has(name)) return undefined;
  let best: { known: string; distance: number } | undefined;
  for (const candidate of known) {
    if (Math.abs(candidate.length - name.length) > 2) continue;
    // Only the scope's owner can publish under `@scope/`: a near name there is not a third party's.
    if (name.startsWith('@') && scopeOf(name) === scopeOf(candidate)) continue;
    const distance = editDistance(name, candidate, 2);
    if (distance < 1 || distance > 2 || !plausibleImitation(name, candidate, distance)) continue;
    if (!best || distance < best.distance) best = { known: candidate, distance };
  }
  return best;
}

function scopeOf(name: string): string | undefined {
  return name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
}

/**
 * Short names are a few edits from many unrelated names: one edit needs 6+ characters, two need 12+.
 * An edit inside a short distinctive part (`git` in `mcp-server-git`) names another service, not a typo.
 */
function plausibleImitation(name: string, known: string, distance: number): boolean {
  if (known.length < 6 || (distance === 2 && known.length < 12)) return false;
  let prefix = 0;
  while (prefix < name.length && prefix < known.length && name[prefix] === known[prefix]) prefix++;
  let suffix = 0;
  while (suffix < name.length - prefix && suffix < known.length - prefix && name[name.length - 1 - suffix] === known[known.length - 1 - suffix]) suffix++;
  const core = coreOf(known);
  const editedInCore = prefix >= core.start && known.length - suffix <= core.end;
  if (!editedInCore) return true;
  // Letters added after the distinctive part name something else (`sqlite` → `sqlite3`, `git` → `gitea`).
  if (name.length > known.length && prefix >= core.end) return false;
  const coreLength = core.end - core.start;
  return distance === 1 ? coreLength >= 5 : coreLength >= 9;
}

/** The distinctive part of a package name: without its scope and `mcp-server-` / `-mcp` style affixes. */
function coreOf(name: string): { start: number; end: number } {
  let start = name.startsWith('@') ? name.indexOf('/') + 1 : 0;
  let end = name.length;
  const prefix = /^(?:mcp-server-|server-|mcp-)/.exec(name.slice(start));
  if (prefix) start += prefix[0].length;
  const suffix = /(?:-mcp-server|-mcp|-server)$/.exec(name.slice(start));
  if (suffix) end -= suffix[0].length;
  return { start, end };
}

/** Optimal string alignment distance (adjacent transpositions count once), stopping above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previousPrevious[j - 2]! + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}
