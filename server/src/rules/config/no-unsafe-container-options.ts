import { commandLines, executableName, listItemsRemoval, type CommandArg } from '../../analyzer/config/known-mcp-packages';
import type { ConfiguredServer } from '../../analyzer/config/config-model';
import type { Severity } from '../../analyzer/finding';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'unpinnedImage' | 'privileged' | 'hostNamespace' | 'capAdd' | 'securityOpt' | 'hostMount';

const ENGINES = new Set(['docker', 'podman', 'nerdctl']);

/** `docker run` options that take the next token as their value (the rest are flags). */
const VALUE_OPTIONS = new Set([
  '-a', '--attach', '--add-host', '--annotation', '--blkio-weight', '-c', '--cpu-shares', '--cap-add', '--cap-drop', '--cgroup-parent', '--cgroupns', '--cidfile',
  '--cpus', '--cpuset-cpus', '--cpuset-mems', '--device', '--device-cgroup-rule', '--dns', '--dns-option', '--dns-search', '--domainname', '--entrypoint', '-e', '--env',
  '--env-file', '--expose', '--gpus', '--group-add', '--health-cmd', '--health-interval', '--health-retries', '--health-start-period', '--health-timeout', '-h',
  '--hostname', '--ip', '--ip6', '--ipc', '--isolation', '-l', '--label', '--label-file', '--link', '--log-driver', '--log-opt', '--mac-address', '-m', '--memory',
  '--memory-reservation', '--memory-swap', '--mount', '--name', '--network', '--net', '--network-alias', '--pid', '--pids-limit', '--platform', '-p', '--publish', '--pull',
  '--restart', '--runtime', '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout', '--storage-opt', '--sysctl', '--tmpfs', '-u', '--user', '--ulimit',
  '--userns', '--uts', '-v', '--volume', '--volume-driver', '--volumes-from', '-w', '--workdir', '--userns-remap', '--arch', '--os',
]);
/** Short options a cluster (`-itv`) may end with, taking the next token. */
const SHORT_VALUE = new Set(['a', 'c', 'e', 'h', 'l', 'm', 'p', 'u', 'v', 'w']);
const NAMESPACES = new Set(['--network', '--net', '--pid', '--ipc', '--uts', '--userns']);
const DANGEROUS_CAPS = new Set(['ALL', 'SYS_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH', 'NET_ADMIN', 'SYS_RAWIO']);

/** One option of the `run` command: its tokens and value. */
interface RunOption {
  name: string;
  value: string | undefined;
  /** The value's token (the option's own token for `--opt=value`), and where the value starts in it. */
  valueArg: CommandArg | undefined;
  valueOffset: number;
  tokens: CommandArg[];
  /** Whether removing `tokens` removes exactly this option (not other flags of a cluster). */
  removable: boolean;
}

export default defineRule<MessageId>(
  {
    id: 'no-unsafe-container-options',
    group: 'config',
    description: 'Disallow unpinned images and host-privileged options in MCP servers launched with docker or podman run',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-250', 'CWE-1357'],
    owaspMcp: 'MCP02',
    control: 6,
    fix: 'suggestion',
    messages: {
      unpinnedImage:
        "MCP server '{{server}}' runs the image '{{image}}' {{how}}: each pull can bring different code, including a hijacked push to the tag. Pin it by digest (`{{name}}@sha256:<digest>`, from `docker buildx imagetools inspect {{name}}:<tag>`).",
      privileged:
        "MCP server '{{server}}' runs its container with `--privileged`: the container gets every capability and all host devices, so a compromised server (or a prompt-injected tool call) can take over the host. Remove it and add only the capability the server needs.",
      hostNamespace:
        "MCP server '{{server}}' runs its container with `{{option}} host`: it shares the host's {{what}}, {{consequence}} Remove the option (publish a port with `-p 127.0.0.1:<port>:<port>` if the server must be reached).",
      capAdd:
        "MCP server '{{server}}' adds the capability {{capability}} to its container{{impact}}. MCP servers need no extra capabilities; remove `--cap-add`.",
      securityOpt:
        "MCP server '{{server}}' runs its container with `--security-opt {{value}}`, turning off a confinement layer (syscall filtering, LSM profile or privilege limits) that stops a compromised server from escaping to the host. Remove it.",
      hostMount:
        "MCP server '{{server}}' mounts {{what}} ('{{source}}') into its container: {{consequence}} Mount only the directory the server needs, read-only where possible (`-v ${workspaceFolder}:/workspace:ro`).",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
      'https://cwe.mitre.org/data/definitions/250.html',
    ],
  },
  {
    'mcp-config': (context) => {
      for (const server of context.config.servers) {
        for (const line of commandLines(server)) {
          const run = runArguments(line.argv);
          if (run) checkRun(context, server, run.options, run.image);
        }
      }
    },
  },
);

/** The options and image of `docker run …` / `docker container run …` (global options skipped). */
function runArguments(argv: CommandArg[]): { options: RunOption[]; image: CommandArg | undefined } | undefined {
  if (!ENGINES.has(executableName(argv[0]?.value ?? ''))) return undefined;
  let index = 1;
  // Global options before the subcommand: `docker --context x run`, `docker -H tcp://… run`.
  while (index < argv.length && argv[index]!.value.startsWith('-')) {
    const value = argv[index]!.value;
    index += /^(?:--context|-c|-H|--host|--config|-l|--log-level|--tlscacert|--tlscert|--tlskey)$/.test(value) ? 2 : 1;
  }
  if (argv[index]?.value === 'container') index++;
  if (argv[index]?.value !== 'run') return undefined;
  const options: RunOption[] = [];
  for (index++; index < argv.length; index++) {
    const arg = argv[index]!;
    const value = arg.value;
    if (value === '--') return { options, image: argv[index + 1] };
    if (!value.startsWith('-') || value === '-') return { options, image: arg };
    if (value.startsWith('--')) {
      const equals = value.indexOf('=');
      if (equals > 0) options.push({ name: value.slice(0, equals), value: value.slice(equals + 1), valueArg: arg, valueOffset: equals + 1, tokens: [arg], removable: true });
      else if (VALUE_OPTIONS.has(value) && argv[index + 1]) {
        const next = argv[++index]!;
        options.push({ name: value, value: next.value, valueArg: next, valueOffset: 0, tokens: [arg, next], removable: true });
      } else options.push({ name: value, value: undefined, valueArg: undefined, valueOffset: 0, tokens: [arg], removable: true });
      continue;
    }
    // Short options: `-v src:dst`, `-vsrc:dst`, `-it`, `-itv src:dst`.
    const letters = value.slice(1);
    const valueAt = [...letters].findIndex((letter) => SHORT_VALUE.has(letter));
    if (valueAt < 0) {
      options.push({ name: value, value: undefined, valueArg: undefined, valueOffset: 0, tokens: [arg], removable: letters.length === 1 });
      continue;
    }
    const name = `-${letters[valueAt]}`;
    const attached = letters.slice(valueAt + 1).replace(/^=/, '');
    if (attached) options.push({ name, value: attached, valueArg: arg, valueOffset: value.length - attached.length, tokens: [arg], removable: valueAt === 0 });
    else if (argv[index + 1]) {
      const next = argv[++index]!;
      // A cluster (`-iv`) has other flags: only a plain `-v value` pair is removable as a whole.
      options.push({ name, value: next.value, valueArg: next, valueOffset: 0, tokens: [arg, next], removable: letters.length === 1 });
    }
  }
  return { options, image: undefined };
}

function report(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, option: RunOption, messageId: MessageId, data: Record<string, string>, severity?: Severity): void {
  const first = option.tokens[0]!;
  const last = option.tokens[option.tokens.length - 1]!;
  const range = { start: first.range().start, end: last.range().end };
  context.report({ messageId, data: { server: server.name, ...data }, ...range, ...(severity ? { severity } : {}), fixes: removal(context, server, option) });
}

/** Removes the option's tokens from `args` when they are whole, consecutive `args` items. */
function removal(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, option: RunOption): FixDescriptor[] {
  if (!option.removable) return [];
  const indexes = option.tokens.map((token) => (token.item ? server.args.indexOf(token.item) : -1));
  if (indexes.some((index) => index < 0) || indexes.some((index, position) => position > 0 && index !== indexes[position - 1]! + 1)) return [];
  const written = option.tokens.map((token) => token.value).join(' ');
  return [{ title: `Remove \`${written}\``, edits: [listItemsRemoval(context.source.text, server.args, indexes[0]!, indexes[indexes.length - 1]!)] }];
}

function checkRun(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, options: RunOption[], image: CommandArg | undefined): void {
  for (const option of options) {
    const value = option.value ?? '';
    if (option.name === '--privileged' && !/^(?:=?false)$/.test(value)) report(context, server, option, 'privileged', {}, 'error');
    else if (NAMESPACES.has(option.name) && value.toLowerCase() === 'host') {
      const network = option.name === '--network' || option.name === '--net';
      report(context, server, option, 'hostNamespace', {
        option: option.name,
        what: network ? 'network stack' : option.name === '--pid' ? 'process table' : option.name === '--ipc' ? 'IPC namespace' : option.name === '--uts' ? 'hostname' : 'user namespace',
        consequence: network
          ? 'so the server can reach every service bound to the host\'s loopback interface (databases, admin consoles, other MCP servers) and its own ports are exposed on every interface.'
          : option.name === '--pid'
            ? 'so it can see, signal and (with ptrace) read the memory of every process on the host.'
            : 'weakening the isolation between the server and the host.',
      });
    } else if (option.name === '--cap-add') {
      const capability = value.toUpperCase().replace(/^CAP_/, '');
      const dangerous = DANGEROUS_CAPS.has(capability);
      report(context, server, option, 'capAdd', { capability: value, impact: dangerous ? ', enough to escape the container or control the host' : '' }, dangerous ? 'error' : undefined);
    } else if (option.name === '--security-opt' && /^(?:seccomp[=:]unconfined|apparmor[=:]unconfined|label[=:]disable|systempaths[=:]unconfined|no-new-privileges[=:]false)$/i.test(value)) {
      report(context, server, option, 'securityOpt', { value });
    } else if (option.name === '-v' || option.name === '--volume' || option.name === '--mount') {
      const source = option.name === '--mount' ? mountSource(value) : volumeSource(value);
      const danger = source === undefined ? undefined : dangerousSource(source);
      if (danger) report(context, server, option, 'hostMount', { source: source!, what: danger.what, consequence: danger.consequence }, danger.severity);
    }
  }
  if (image) checkImage(context, server.name, image);
}

/** `src:dst[:opts]` (Windows `C:\src:dst` too); undefined for anonymous volumes (`/data`). */
function volumeSource(value: string): string | undefined {
  const drive = /^[a-z]:[\\/]/i.test(value) ? 2 : 0;
  const colon = value.indexOf(':', drive);
  return colon < 0 ? undefined : value.slice(0, colon);
}

/** `type=bind,source=/x,target=/y` → `/x`. */
function mountSource(value: string): string | undefined {
  const fields = value.split(',').map((field) => field.split('='));
  const type = fields.find(([key]) => key === 'type')?.[1];
  if (type !== undefined && type !== 'bind') return undefined;
  return fields.find(([key]) => key === 'source' || key === 'src')?.[1];
}

const HOME = /^(?:~|\$HOME|\$\{HOME\}|\$\{userHome\}|\$\{env:HOME\}|\$\{env:USERPROFILE\}|%USERPROFILE%|%HOMEPATH%|\/home\/[^/]+|\/Users\/[^/]+|\/root|[a-z]:[\\/]Users[\\/][^\\/]+)$/i;
const CREDENTIAL_DIRS = /^(?:~|\$HOME|\$\{HOME\}|\$\{userHome\}|\$\{env:HOME\}|\/home\/[^/]+|\/Users\/[^/]+|\/root)\/\.(?:ssh|aws|kube|docker|gnupg|azure|config\/gcloud)\/?$/i;

function dangerousSource(raw: string): { what: string; consequence: string; severity?: Severity } | undefined {
  const source = raw.replace(/(?<=[^\\/])[\\/]+$|(?<=^[\\/])[\\/]+$/, '');
  if (/^(?:\/\/?var\/run|\/run)\/(?:docker|podman\/podman)\.sock$|^\/\/?\.\/pipe\/docker_engine$|^\\\\\.\\pipe\\docker_engine$/i.test(source)) {
    return { what: 'the container engine socket', consequence: 'whoever controls the server controls the Docker daemon, which is root on the host (start a privileged container, mount any path).', severity: 'error' };
  }
  if (/^(?:\/|[a-z]:[\\/]?)$/i.test(source)) return { what: "the host's root filesystem", consequence: 'every file on the machine becomes readable (and writable unless `:ro`) by the server and by any prompt-injected tool call.', severity: 'error' };
  if (HOME.test(source)) return { what: 'your home directory', consequence: 'SSH keys, cloud credentials, browser profiles and every repository become readable by the server and by any prompt-injected tool call.' };
  if (CREDENTIAL_DIRS.test(source)) return { what: 'a credential directory', consequence: 'the keys and tokens in it become readable by the server and by any prompt-injected tool call.' };
  if (/^\/(?:etc|proc|sys|dev|boot|var\/run|run)$/i.test(source)) return { what: 'a host system directory', consequence: 'it exposes host configuration, devices or kernel interfaces to the server.' };
  return undefined;
}

function checkImage(context: ConfigRuleContext<MessageId>, server: string, image: CommandArg): void {
  const value = image.value;
  if (/\$|%|\{\{/.test(value) || value.includes('@sha256:') || value.includes('@sha512:')) return;
  const slash = value.lastIndexOf('/');
  const colon = value.lastIndexOf(':');
  const tag = colon > slash ? value.slice(colon + 1) : undefined;
  if (tag !== undefined && tag !== 'latest') return;
  const name = tag === undefined ? value : value.slice(0, colon);
  context.report({
    messageId: 'unpinnedImage',
    data: { server, image: value, name, how: tag === undefined ? 'without a tag or digest (that is `:latest`)' : 'by its `:latest` tag' },
    ...image.range(),
  });
}
