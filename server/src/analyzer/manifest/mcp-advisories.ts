import type { Ecosystem } from './manifest-model';
import { compareVersions } from './versions';

/**
 * Known vulnerabilities of MCP SDKs, servers and clients, bundled as data: MCP Warden works
 * offline, so this table is the whole of what `no-vulnerable-mcp-package` knows.
 *
 * Maintenance (see the rule's docs): add an entry only when its id, package, affected range and
 * first fixed version are confirmed by the advisory itself (GitHub Security Advisory or the
 * project's security page) or by at least two independent public sources; set `verified: false`
 * otherwise (unverified entries are not reported). Ranges follow OSV: each range is
 * `introduced <= version < fixed` (or `<= lastAffected`); `introduced` omitted means every earlier
 * version. Bump ADVISORY_TABLE_DATE whenever the table is reviewed, even with no change.
 */

export interface AffectedRange {
  introduced?: string;
  fixed?: string;
  lastAffected?: string;
}

export interface McpAdvisory {
  /** The GHSA id (GitHub Security Advisory). */
  id: string;
  cve: string | undefined;
  ecosystem: Ecosystem;
  /** npm name, or PEP 503-normalized PyPI name. */
  package: string;
  affected: readonly AffectedRange[];
  /** The first version with the fix, for the upgrade quick fix. */
  fixedVersion: string;
  severity: 'critical' | 'high' | 'moderate' | 'low';
  /** One line, what an attacker gets. */
  summary: string;
  url: string;
  /** Confirmed as described above; unverified entries are kept for review but not reported. */
  verified: boolean;
}

/** When the table was last reviewed against the advisory databases (YYYY-MM-DD). */
export const ADVISORY_TABLE_DATE = '2026-11-24';

export const MCP_ADVISORIES: readonly McpAdvisory[] = [
  {
    id: 'GHSA-6xpm-ggf7-wc3p',
    cve: 'CVE-2025-6514',
    ecosystem: 'npm',
    package: 'mcp-remote',
    affected: [{ introduced: '0.0.5', fixed: '0.1.16' }],
    fixedVersion: '0.1.16',
    severity: 'critical',
    summary: 'OS command injection: a malicious MCP server\'s OAuth `authorization_endpoint` is passed to the system URL opener, running commands on the client machine',
    url: 'https://github.com/advisories/GHSA-6xpm-ggf7-wc3p',
    verified: true,
  },
  {
    id: 'GHSA-7f8r-222p-6f5g',
    cve: 'CVE-2025-49596',
    ecosystem: 'npm',
    package: '@modelcontextprotocol/inspector',
    affected: [{ fixed: '0.14.1' }],
    fixedVersion: '0.14.1',
    severity: 'critical',
    summary: 'the Inspector proxy accepts unauthenticated requests, so any web page the developer visits can make it launch commands over stdio (remote code execution)',
    url: 'https://github.com/advisories/GHSA-7f8r-222p-6f5g',
    verified: true,
  },
  {
    id: 'GHSA-g9hg-qhmf-q45m',
    cve: 'CVE-2025-58444',
    ecosystem: 'npm',
    package: '@modelcontextprotocol/inspector',
    affected: [{ fixed: '0.16.6' }],
    fixedVersion: '0.16.6',
    severity: 'high',
    summary: 'cross-site scripting when connecting to an untrusted MCP server, escalating to command execution through the Inspector proxy',
    url: 'https://github.com/advisories/GHSA-g9hg-qhmf-q45m',
    verified: true,
  },
  {
    id: 'GHSA-w48q-cv73-mx4w',
    cve: 'CVE-2025-66414',
    ecosystem: 'npm',
    package: '@modelcontextprotocol/sdk',
    affected: [{ fixed: '1.24.0' }],
    fixedVersion: '1.24.0',
    severity: 'high',
    summary: 'DNS rebinding protection of the HTTP transports is off by default, so a web page can reach a localhost server without authentication',
    url: 'https://github.com/advisories/GHSA-w48q-cv73-mx4w',
    verified: true,
  },
  {
    id: 'GHSA-8r9q-7v3j-jr4g',
    cve: undefined,
    ecosystem: 'npm',
    package: '@modelcontextprotocol/sdk',
    affected: [{ fixed: '1.25.2' }],
    fixedVersion: '1.25.2',
    severity: 'high',
    summary: 'regular-expression denial of service in `UriTemplate` (resource template matching)',
    url: 'https://github.com/advisories/GHSA-8r9q-7v3j-jr4g',
    verified: true,
  },
  {
    id: 'GHSA-345p-7cg4-v4c7',
    cve: undefined,
    ecosystem: 'npm',
    package: '@modelcontextprotocol/sdk',
    affected: [{ introduced: '1.10.0', fixed: '1.26.0' }],
    fixedVersion: '1.26.0',
    severity: 'high',
    summary: 'responses leak across clients when one server or transport instance is reused for several clients',
    url: 'https://github.com/advisories/GHSA-345p-7cg4-v4c7',
    verified: true,
  },
  {
    id: 'GHSA-hc55-p739-j48w',
    cve: 'CVE-2025-53110',
    ecosystem: 'npm',
    package: '@modelcontextprotocol/server-filesystem',
    // The package moved from 0.6.x to date versions; 0.6.3+ is left out (not confirmed either way).
    affected: [{ lastAffected: '0.6.2' }, { introduced: '2025.1.14', fixed: '2025.7.1' }],
    fixedVersion: '2025.7.1',
    severity: 'high',
    summary: 'allowed directories are compared as string prefixes, so `/allowed_evil` passes for `/allowed` (read and write outside the roots)',
    url: 'https://github.com/advisories/GHSA-hc55-p739-j48w',
    verified: true,
  },
  {
    id: 'GHSA-q66q-fx2p-7w4m',
    cve: 'CVE-2025-53109',
    ecosystem: 'npm',
    package: '@modelcontextprotocol/server-filesystem',
    affected: [{ lastAffected: '0.6.2' }, { introduced: '2025.1.14', fixed: '2025.7.1' }],
    fixedVersion: '2025.7.1',
    severity: 'high',
    summary: 'symbolic links inside an allowed directory are followed outside it (read and write anywhere the server user can)',
    url: 'https://github.com/advisories/GHSA-q66q-fx2p-7w4m',
    verified: true,
  },
  {
    id: 'GHSA-9h52-p55h-vw2f',
    cve: 'CVE-2025-66416',
    ecosystem: 'pypi',
    package: 'mcp',
    affected: [{ fixed: '1.23.0' }],
    fixedVersion: '1.23.0',
    severity: 'high',
    summary: 'DNS rebinding protection is off by default for HTTP servers, so a web page can reach a localhost server without authentication',
    url: 'https://github.com/advisories/GHSA-9h52-p55h-vw2f',
    verified: true,
  },
  {
    id: 'GHSA-3qhf-m339-9g5v',
    cve: 'CVE-2025-53366',
    ecosystem: 'pypi',
    package: 'mcp',
    affected: [{ fixed: '1.9.4' }],
    fixedVersion: '1.9.4',
    severity: 'high',
    summary: 'a malformed request makes a FastMCP server raise a validation error that stops it (denial of service)',
    url: 'https://github.com/advisories/GHSA-3qhf-m339-9g5v',
    verified: true,
  },
  {
    id: 'GHSA-j975-95f5-7wqh',
    cve: 'CVE-2025-53365',
    ecosystem: 'pypi',
    package: 'mcp',
    affected: [{ fixed: '1.10.0' }],
    fixedVersion: '1.10.0',
    severity: 'high',
    summary: 'an unhandled exception in the Streamable HTTP transport stops the server (denial of service)',
    url: 'https://github.com/advisories/GHSA-j975-95f5-7wqh',
    verified: true,
  },
];

function inRange(ecosystem: Ecosystem, version: string, range: AffectedRange): boolean | undefined {
  const compare = (other: string) => compareVersions(ecosystem, version, other);
  if (range.introduced !== undefined) {
    const order = compare(range.introduced);
    if (order === undefined) return undefined;
    if (order < 0) return false;
  }
  if (range.fixed !== undefined) {
    const order = compare(range.fixed);
    if (order === undefined) return undefined;
    if (order >= 0) return false;
  }
  if (range.lastAffected !== undefined) {
    const order = compare(range.lastAffected);
    if (order === undefined) return undefined;
    if (order > 0) return false;
  }
  return true;
}

/** The verified advisories that affect one exact version of a package (`name`: npm name or normalized PyPI name). */
export function advisoriesFor(ecosystem: Ecosystem, name: string, version: string, table: readonly McpAdvisory[] = MCP_ADVISORIES): McpAdvisory[] {
  return table.filter((advisory) => advisory.verified && advisory.ecosystem === ecosystem && advisory.package === name && advisory.affected.some((range) => inRange(ecosystem, version, range) === true));
}

/** The lowest version at or above every fix of `advisories` that no verified advisory in the table affects. */
export function safeVersion(ecosystem: Ecosystem, name: string, advisories: readonly McpAdvisory[], table: readonly McpAdvisory[] = MCP_ADVISORIES): string {
  let target = advisories[0]!.fixedVersion;
  for (const advisory of advisories) if ((compareVersions(ecosystem, advisory.fixedVersion, target) ?? 0) > 0) target = advisory.fixedVersion;
  for (let step = 0; step < 10; step++) {
    const remaining = advisoriesFor(ecosystem, name, target, table);
    if (remaining.length === 0) break;
    target = safeVersion(ecosystem, name, remaining, table);
  }
  return target;
}

/** Whether the table knows the package at all (cheap pre-filter for lockfiles). */
export function hasAdvisories(ecosystem: Ecosystem, name: string): boolean {
  return MCP_ADVISORIES.some((advisory) => advisory.ecosystem === ecosystem && advisory.package === name);
}
