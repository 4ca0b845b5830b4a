import { commandSignal, type CommandSignalKind } from '../../analyzer/manifest/command-signals';
import { isMcpPackage, isMcpProject, type Dependency, type Manifest, type PackageScript } from '../../analyzer/manifest/manifest-model';
import { npmRequirement, pep508Requirement, poetryRequirement, type RequirementShape } from '../../analyzer/manifest/versions';
import type { FixDescriptor, ManifestRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'range' | 'unversioned' | 'tag' | 'installScript' | 'noLockfile';

/** npm lifecycle scripts that run when the package (or the project) is installed. */
const INSTALL_SCRIPTS = new Set(['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare', 'prepublish']);

/** What an install script must not do: fetch or run code that is not in the package. */
const INSTALL_SCRIPT_SIGNALS: ReadonlySet<CommandSignalKind> = new Set(['download', 'pipe', 'inline-code', 'powershell']);

const NPM_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];
const PYTHON_LOCKFILES = ['uv.lock', 'poetry.lock', 'pdm.lock', 'Pipfile.lock', 'pylock.toml'];

export default defineRule<MessageId>(
  {
    id: 'require-pinned-mcp-dependency',
    group: 'supply-chain',
    description: 'Require MCP projects to pin their MCP SDK and MCP package versions, keep a lockfile and avoid install scripts that download or run code',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-1357', 'CWE-829'],
    owaspMcp: 'MCP04',
    control: 7,
    fix: 'suggestion',
    messages: {
      range:
        "MCP package `{{name}}` is required as '{{requirement}}' in {{section}}: the range accepts every new release, so the next `{{installer}}` (and, for a published server, every user's install) can pull a hijacked or malicious `{{name}}` release that runs {{where}}. Pin one exact version and update it deliberately.",
      unversioned:
        "MCP package `{{name}}` has no version in {{section}}: every `{{installer}}` takes the newest release, so a hijacked or malicious `{{name}}` release runs {{where}}. Pin one exact version ({{example}}).",
      tag: "MCP package `{{name}}` follows the dist-tag '{{requirement}}' in {{section}}, which moves with every release: the next `{{installer}}` installs whatever was published last, hijacked releases included. Pin one exact version.",
      installScript:
        'The `{{script}}` script of this MCP project {{what}} whenever it is installed: that code comes from outside the package, is never reviewed with it, and runs with the installing user\'s privileges before the server starts. Ship the code in the package (or a documented setup step) instead.',
      noLockfile:
        'No lockfile next to this MCP project ({{expected}}): every install resolves the dependency ranges afresh, so two installs of the same commit can run different code and a malicious release is picked up silently. Commit the lockfile your package manager writes.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://docs.npmjs.com/cli/v11/configuring-npm/package-lock-json',
      'https://docs.npmjs.com/cli/v11/using-npm/scripts#life-cycle-scripts',
      'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
      'https://cwe.mitre.org/data/definitions/1357.html',
    ],
  },
  {
    manifest: (context) => {
      const { manifest } = context;
      if (manifest.format !== 'package-json' && manifest.format !== 'pyproject' && manifest.format !== 'requirements') return;
      if (!isMcpProject(manifest)) return;
      for (const dependency of manifest.dependencies) {
        if (isMcpPackage(dependency.ecosystem, dependency.name)) checkDependency(context, dependency);
      }
      for (const script of manifest.scripts) if (INSTALL_SCRIPTS.has(script.name)) checkInstallScript(context, script);
      checkLockfile(context, manifest);
    },
  },
);

function installerOf(dependency: Dependency): string {
  if (dependency.syntax === 'npm') return 'npm install';
  if (dependency.syntax === 'poetry') return 'poetry install';
  return 'pip install';
}

function sectionLabel(context: ManifestRuleContext<MessageId>, dependency: Dependency): string {
  return context.format === 'requirements' ? 'this requirements file' : `\`${dependency.section}\``;
}

function shapeOf(dependency: Dependency): RequirementShape {
  if (dependency.syntax === 'npm') return npmRequirement(dependency.requirement);
  if (dependency.syntax === 'poetry') return poetryRequirement(dependency.requirement);
  return pep508Requirement(dependency.requirement);
}

function checkDependency(context: ManifestRuleContext<MessageId>, dependency: Dependency): void {
  if (dependency.pin === 'exact' || dependency.pin === 'other') return;
  const data = {
    name: dependency.name,
    requirement: dependency.requirement,
    section: sectionLabel(context, dependency),
    installer: installerOf(dependency),
    where: /dev/i.test(dependency.section) ? 'on every developer machine that installs the project' : 'inside the MCP server with its tokens and tool permissions',
    example: dependency.syntax === 'npm' ? `"${dependency.name}": "<version>"` : dependency.syntax === 'poetry' ? `${dependency.name} = "<version>"` : `${dependency.name}==<version>`,
  };
  const where = dependency.requirement && dependency.requirementRange ? dependency.requirementRange : dependency.nameRange;
  if (dependency.pin === 'tag') {
    context.report({ messageId: 'tag', data, ...where });
    return;
  }
  if (dependency.requirement === '' || dependency.requirement === '*') {
    context.report({ messageId: 'unversioned', data, ...where });
    return;
  }
  context.report({ messageId: 'range', data, ...where, fixes: pinFix(dependency) });
}

/** `^1.2.3` → `1.2.3`, `>=1.2` → `==1.2`: the range's lower bound, exactly. */
function pinFix(dependency: Dependency): FixDescriptor[] {
  const shape = shapeOf(dependency);
  if (!shape.lowerBound || !dependency.requirementRange) return [];
  const version = shape.lowerBound.version;
  const newText = dependency.syntax === 'pep508' ? `==${version}` : version;
  return [
    {
      title: `Pin ${dependency.name} to ${version}, the lower bound of '${dependency.requirement}' (use the version your lockfile or environment resolves, if newer)`,
      edits: [{ ...dependency.requirementRange, newText }],
    },
  ];
}

function checkInstallScript(context: ManifestRuleContext<MessageId>, script: PackageScript): void {
  const signal = commandSignal(script.command, INSTALL_SCRIPT_SIGNALS);
  if (signal) context.report({ messageId: 'installScript', data: { script: script.name, what: signal.description }, ...script.range });
}

function checkLockfile(context: ManifestRuleContext<MessageId>, manifest: Manifest): void {
  const siblings = context.siblingFiles;
  if (!siblings || manifest.format === 'requirements') return;
  const expected = manifest.format === 'package-json' ? NPM_LOCKFILES : PYTHON_LOCKFILES;
  const names = new Set(siblings.map((name) => name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)));
  if (expected.some((name) => names.has(name))) return;
  // pip-compile and `uv export` write fully pinned requirements files; they count as a lock.
  if (manifest.format === 'pyproject' && [...names].some((name) => /^(?:pylock\..+\.toml|requirements[\w.-]*\.txt)$/i.test(name))) return;
  const first = manifest.dependencies.find((dependency) => isMcpPackage(dependency.ecosystem, dependency.name));
  if (!first) return;
  context.report({
    messageId: 'noLockfile',
    severity: 'info',
    data: { expected: manifest.format === 'package-json' ? '`package-lock.json`, `pnpm-lock.yaml`, `yarn.lock` or `bun.lock`' : '`uv.lock`, `poetry.lock`, `pdm.lock` or `pylock.toml`' },
    ...first.nameRange,
  });
}
