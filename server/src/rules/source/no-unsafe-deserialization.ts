import { lastNames } from '../../analyzer/flow/imports';
import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { TextEdit } from '../../analyzer/finding';
import { describeInputs, describeVia, relatedLocations, sinkLabel } from '../../analyzer/flow/sink-report';
import type { TaintedInput } from '../../analyzer/flow/tool-flow';
import type { CodeRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeOf, dottedName, keywordArguments, listItemRemoval, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';
import { AssignmentIndex } from '../../analyzer/flow/assignments';

type MessageId = 'inputDeserialized' | 'unsafeYamlLoader' | 'unsafeJsYamlSchema';
type Context = CodeRuleContext<MessageId>;

/** Loaders that can run code whatever the data: reported when tool input reaches them. */
const PY_CODE_RUNNING_LOADERS: ReadonlyMap<string, string> = new Map([
  ...['pickle', 'cPickle', '_pickle'].flatMap((module) => ['loads', 'load', 'Unpickler'].map((name): [string, string] => [`${module}.${name}`, 'pickle data'])),
  ...['dill', 'cloudpickle'].flatMap((module) => ['loads', 'load'].map((name): [string, string] => [`${module}.${name}`, `${module} data`])),
  ['marshal.loads', 'marshal data'],
  ['marshal.load', 'marshal data'],
  ['shelve.open', 'a shelve file (pickle)'],
  ['jsonpickle.decode', 'jsonpickle data'],
  ['jsonpickle.loads', 'jsonpickle data'],
  ['joblib.load', 'a joblib file (pickle)'],
  ['pandas.read_pickle', 'a pickle file'],
]);
/** Loaders that run pickles only when told to: `torch.load(…, weights_only=False)`, `numpy.load(…, allow_pickle=True)`. */
const PY_OPT_IN_LOADERS: ReadonlyMap<string, { keyword: string; unsafe: string; format: string }> = new Map([
  ['torch.load', { keyword: 'weights_only', unsafe: 'false', format: 'a torch checkpoint with `weights_only=False` (pickle)' }],
  ['numpy.load', { keyword: 'allow_pickle', unsafe: 'true', format: 'a NumPy file with `allow_pickle=True`' }],
]);
/** Calls that only re-wrap or decode their first argument on the way to a loader. */
const PY_CARRIERS = new Set([
  'open', 'io.open', 'io.BytesIO', 'io.StringIO', 'gzip.open', 'gzip.decompress', 'bz2.open', 'bz2.decompress', 'lzma.open', 'lzma.decompress', 'zlib.decompress',
  'base64.b64decode', 'base64.urlsafe_b64decode', 'base64.standard_b64decode', 'base64.b32decode', 'base64.b16decode', 'base64.b85decode', 'base64.a85decode', 'base64.decodebytes',
  'binascii.unhexlify', 'binascii.a2b_base64', 'binascii.a2b_hex', 'bytes.fromhex', 'codecs.decode',
]);

/** PyYAML entry points that take a Loader, and their safe twins. */
const YAML_LOADER_CALLS: ReadonlyMap<string, string> = new Map([['load', 'safe_load'], ['load_all', 'safe_load_all']]);
/** PyYAML entry points whose loader can build arbitrary objects, and their safe twins. */
const YAML_UNSAFE_CALLS: ReadonlyMap<string, string> = new Map([
  ['unsafe_load', 'safe_load'],
  ['unsafe_load_all', 'safe_load_all'],
  ['full_load', 'safe_load'],
  ['full_load_all', 'safe_load_all'],
]);
const YAML_UNSAFE_LOADERS = new Set(['Loader', 'FullLoader', 'UnsafeLoader', 'CLoader', 'CFullLoader', 'CUnsafeLoader']);
/**
 * Registrations that PyYAML adds to Loader, FullLoader and UnsafeLoader but not to SafeLoader: with
 * them in the file, switching to `safe_load` can change what a document loads as.
 */
const YAML_REGISTRATIONS = /\b(?:add_constructor|add_multi_constructor|add_implicit_resolver|add_path_resolver|YAMLObject)\b/;

const JS_YAML_LOADS = new Set(['js-yaml.load', 'js-yaml.loadAll']);
/** Callee last names the rule can act on; the engine passes it no other call. */
const JS_CALLEES = lastNames(['node-serialize.unserialize', ...JS_YAML_LOADS]);
const PY_CALLEES = lastNames([...PY_CODE_RUNNING_LOADERS.keys(), ...PY_OPT_IN_LOADERS.keys(), ...YAML_LOADER_CALLS.keys(), ...YAML_UNSAFE_CALLS.keys()]);

export default defineRule<MessageId>(
  {
    id: 'no-unsafe-deserialization',
    group: 'source',
    description: 'Disallow deserializers that can run code on tool input or untrusted files',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-502'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'safe',
    messages: {
      inputDeserialized:
        'Tool input {{inputs}} reaches {{sink}}{{via}}: loading {{format}} can run arbitrary code, so the model, or a prompt injection it has read, can run any code with this server\'s privileges.',
      unsafeYamlLoader:
        '{{call}} builds arbitrary Python objects from tags in the document (such as `!!python/object/apply`), so loading an untrusted file runs code; `yaml.safe_load` builds plain data only.',
      unsafeJsYamlSchema:
        '{{sink}} with {{schema}} turns `!!js/function` tags into functions, so loading an untrusted document can run code; the default schema builds plain data only.',
    },
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/pickle.html',
      'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation',
      'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html',
      'https://github.com/nodeca/js-yaml/blob/master/migrate_v3_to_v4.md',
      'https://nvd.nist.gov/vuln/detail/CVE-2017-5941',
    ],
  },
  {
    'js-ts': (context) => {
      const bindings = new AssignmentIndex();
      return {
        call_expression: { callees: JS_CALLEES, visit: (call) => {
          const callee = calleeOf(call);
          const sink = context.flow.imports.qualify(callee);
          const [data] = positionalArguments(call);
          if (!sink || !data || staticString(data) !== undefined) return;
          if (sink === 'node-serialize.unserialize') {
            reportInput(context, call, [data], 'node-serialize data (it calls the functions it contains)', []);
            return;
          }
          if (!JS_YAML_LOADS.has(sink)) return;
          const schema = jsYamlSchema(context, bindings, call);
          if (!schema) return;
          if (reportInput(context, call, [data], `YAML with ${schema}`, [])) return;
          context.report({ messageId: 'unsafeJsYamlSchema', data: { sink: sinkLabel(callee), schema }, start: data.startIndex, end: data.endIndex });
        } },
      };
    },
    python: (context) => {
      const bindings = new AssignmentIndex();
      return {
        call: { callees: PY_CALLEES, visit: (call) => {
          const callee = calleeOf(call);
          const sink = context.flow.imports.qualify(callee);
          if (!sink) return;
          const keywords = keywordArguments(call);
          const [first] = positionalArguments(call);
          const format = PY_CODE_RUNNING_LOADERS.get(sink);
          if (format) {
            if (first && staticString(first) === undefined) reportInput(context, call, carried(context, bindings, first), format, [], first);
            return;
          }
          const optIn = PY_OPT_IN_LOADERS.get(sink);
          if (optIn) {
            if (first && keywords.get(optIn.keyword)?.value.type === optIn.unsafe) reportInput(context, call, carried(context, bindings, first), optIn.format, [], first);
            return;
          }
          if (sink.startsWith('yaml.')) checkYaml(context, bindings, call, sink.slice('yaml.'.length));
        } },
      };
    },
  },
);

function reportInput(context: Context, call: SyntaxNode, data: SyntaxNode[], format: string, fixes: FixDescriptor[], range: SyntaxNode = data[0]!): boolean {
  const inputs: TaintedInput[] = [];
  for (const node of data) for (const input of context.flow.taintedInputs(node, 'deserialization')) if (!inputs.some((known) => known.name === input.name && known.handler === input.handler)) inputs.push(input);
  if (inputs.length === 0) return false;
  context.report({
    messageId: 'inputDeserialized',
    data: { inputs: describeInputs(inputs), sink: sinkLabel(calleeOf(call)), via: describeVia(inputs), format },
    start: range.startIndex,
    end: range.endIndex,
    fixes,
    related: relatedLocations(inputs),
  });
  return true;
}

/**
 * What a loader's argument was made from, through files and decoders: `pickle.load(f)` after
 * `with open(path, "rb") as f` is judged by `path`; `pickle.loads(base64.b64decode(blob))` by `blob`.
 */
function carried(context: Context, bindings: AssignmentIndex, argument: SyntaxNode, depth = 0): SyntaxNode[] {
  if (depth > 3) return [argument];
  const node = argument.type === 'parenthesized_expression' ? (namedChildren(argument)[0] ?? argument) : argument;
  if (node.type === 'call') {
    const callee = calleeOf(node);
    const name = context.flow.imports.qualify(callee) ?? (callee?.type === 'identifier' && context.flow.imports.lookup(callee.text) ? undefined : dottedName(callee));
    const [inner] = positionalArguments(node);
    return name && PY_CARRIERS.has(name) && inner ? carried(context, bindings, inner, depth + 1) : [node];
  }
  if (node.type === 'identifier') {
    const values = bindings.valuesOf(node);
    const last = values[values.length - 1];
    if (last?.type === 'call') {
      const inner = carried(context, bindings, last, depth + 1);
      if (inner[0] !== last) return [node, ...inner];
    }
  }
  return [node];
}

function checkYaml(context: Context, bindings: AssignmentIndex, call: SyntaxNode, name: string): void {
  const callee = calleeOf(call)!;
  const keywords = keywordArguments(call);
  const [first, second] = positionalArguments(call);
  const data = first ?? keywords.get('stream')?.value;
  if (!data || staticString(data) !== undefined) return;
  let safeName = YAML_UNSAFE_CALLS.get(name);
  let described = `\`${callee.text}\``;
  const loaderArgument = keywords.get('Loader')?.argument ?? second;
  const loader = keywords.get('Loader')?.value ?? second;
  if (!safeName) {
    safeName = YAML_LOADER_CALLS.get(name);
    if (!safeName) return;
    if (loader) {
      const loaderName = dottedName(loader)?.split('.').pop();
      // A custom Loader is usually a SafeLoader subclass; it is not ours to judge.
      if (!loaderName || !YAML_UNSAFE_LOADERS.has(loaderName)) return;
      described = `\`${callee.text}\` with \`${loaderArgument?.text ?? loader.text}\``;
    } else {
      described = `\`${callee.text}\` without a safe Loader`;
    }
  }
  const fixes = yamlFix(context, callee, safeName, loader, loaderArgument);
  if (reportInput(context, call, carried(context, bindings, data), 'YAML without a safe Loader', fixes, data)) return;
  context.report({ messageId: 'unsafeYamlLoader', data: { call: described }, start: callee.startIndex, end: call.endIndex, fixes });
}

/**
 * `yaml.load(s, Loader=yaml.FullLoader)` → `yaml.safe_load(s)`; a libyaml loader keeps libyaml:
 * `yaml.load(s, Loader=yaml.CLoader)` → `yaml.load(s, Loader=yaml.CSafeLoader)`. The safe loader
 * builds the same values for every document without `!!python/…` tags.
 */
function yamlFix(context: Context, callee: SyntaxNode, safeName: string, loader: SyntaxNode | undefined, loaderArgument: SyntaxNode | undefined): FixDescriptor[] {
  const method = callee.type === 'attribute' ? callee.childForFieldName('attribute') : null;
  if (!method) return [];
  const kind = YAML_REGISTRATIONS.test(context.source.text) ? 'suggestion' : 'safe';
  const loaderPath = loader ? dottedName(loader) : undefined;
  if (loader && loaderPath?.split('.').pop()?.startsWith('C')) {
    const prefix = loaderPath.slice(0, loaderPath.lastIndexOf('.') + 1);
    // A bare `CLoader` came from `from yaml import CLoader`; `CSafeLoader` may not be imported.
    if (!prefix) return [];
    return [{ title: `Use the safe libyaml loader: Loader=${prefix}CSafeLoader`, kind, edits: [{ start: loader.startIndex, end: loader.endIndex, newText: `${prefix}CSafeLoader` }] }];
  }
  const edits: TextEdit[] = [{ start: method.startIndex, end: method.endIndex, newText: safeName }];
  if (loaderArgument) edits.push({ ...listItemRemoval(loaderArgument, context.source), newText: '' });
  const receiver = callee.childForFieldName('object')?.text ?? 'yaml';
  return [{ title: `Load plain data only: ${receiver}.${safeName}(…)`, kind, edits }];
}

/** The schema option of a js-yaml load when it holds the JavaScript types, described for the message. */
function jsYamlSchema(context: Context, bindings: AssignmentIndex, call: SyntaxNode): string | undefined {
  for (const options of positionalArguments(call).slice(1).filter((argument) => argument.type === 'object')) {
    for (const property of namedChildren(options)) {
      const value = property.type === 'shorthand_property_identifier' ? property : property.type === 'pair' && pairKey(property) === 'schema' ? property.childForFieldName('value') : null;
      if (property.type === 'shorthand_property_identifier' && property.text !== 'schema') continue;
      if (value && holdsJsTypes(context, bindings, value, 0)) return `\`schema: ${value.text.length > 40 ? `${value.text.slice(0, 39)}…` : value.text}\``;
    }
  }
  return undefined;
}

/** js-yaml 3's `DEFAULT_FULL_SCHEMA`, or a schema extended with js-yaml-js-types (`!!js/function`). */
function holdsJsTypes(context: Context, bindings: AssignmentIndex, node: SyntaxNode, depth: number): boolean {
  if (/\bDEFAULT_FULL_SCHEMA\b|js-yaml-js-types/.test(node.text)) return true;
  const names = node.type === 'identifier' || node.type === 'shorthand_property_identifier' ? [node] : node.descendantsOfType('identifier').filter((name): name is SyntaxNode => name !== null);
  return names.some((name) => {
    if (context.flow.imports.qualify(name)?.startsWith('js-yaml-js-types')) return true;
    return depth < 2 && bindings.valuesOf(name).some((value) => holdsJsTypes(context, bindings, value, depth + 1));
  });
}

