import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { FixDescriptor, MetadataRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import type { DeclaredMetadata, SourceRange } from '../../analyzer/mcp/tool-metadata';
import { calleeOf, dottedName, namedChildren } from '../../analyzer/syntax/nodes';

type MessageId = 'emptyName' | 'tooLong' | 'invalidCharacters' | 'homoglyph' | 'imitation' | 'duplicate';

const MAX_LENGTH = 128;
const ALLOWED = /^[A-Za-z0-9_.-]$/;

export default defineRule<MessageId>(
  {
    id: 'valid-tool-name',
    group: 'tool-metadata',
    description: 'Require tool names that follow the spec and cannot be confused with another tool of the same server',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-1007', 'CWE-20'],
    owaspMcp: 'MCP03',
    control: 4,
    fix: 'suggestion',
    messages: {
      emptyName: 'Tool name is empty: the spec says tool names SHOULD be 1 to 128 characters, and clients cannot call a tool without a name.',
      tooLong: "Tool name '{{name}}' is {{length}} characters long: the spec says tool names SHOULD be 1 to 128 characters, and clients and model APIs that enforce the limit reject the tool.",
      invalidCharacters:
        "Tool name '{{name}}' contains {{characters}}: the spec says tool names SHOULD use only A-Z, a-z, 0-9, '_', '-' and '.', and clients and model APIs that enforce the pattern reject the tool or the whole tool list.",
      homoglyph:
        "Tool name '{{name}}' contains {{characters}}: it reads as '{{lookalike}}' but is a different name, so a user approving '{{lookalike}}' approves another tool. Tool names SHOULD use only ASCII letters, digits, '_', '-' and '.'.",
      imitation:
        "Tool name '{{name}}' imitates tool '{{other}}' (line {{line}}) with {{difference}}: the two look the same in an approval prompt, so a call meant for '{{other}}' can reach this tool.",
      duplicate: "Tool name '{{name}}' is already declared on line {{line}}: tool names SHOULD be unique within a server. {{consequence}}",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names',
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/community/seps/986-specify-format-for-tool-names',
      'https://www.unicode.org/reports/tr39/#Confusable_Detection',
    ],
  },
  {
    'tool-metadata': (context) => {
      const tools = context.declarations.filter((declaration): declaration is NamedTool => declaration.kind === 'tool' && declaration.name !== undefined && declaration.nameRange !== undefined);
      if (tools.length === 0) return;
      const names = new Set(tools.map((tool) => tool.name));
      const scopes = new ScopeReader(context, tools);
      const firstByScope = new Map<string, NamedTool>();
      const imitators = checkImitations(context, tools);
      for (const tool of tools) {
        if (!imitators.has(tool)) checkCharacters(context, tool, names);
        checkDuplicate(context, tool, scopes, firstByScope);
      }
    },
  },
);

type NamedTool = DeclaredMetadata & { name: string; nameRange: SourceRange };

function lineOf(context: MetadataRuleContext<MessageId>, offset: number): number {
  return context.source.lines.lineOf(offset) + 1;
}

// ---------------------------------------------------------------------------------------------
// Length and characters (spec §Tool Names)

function checkCharacters(context: MetadataRuleContext<MessageId>, tool: NamedTool, names: ReadonlySet<string>): void {
  const { name, nameRange } = tool;
  const characters = [...name];
  if (characters.length === 0) {
    context.report({ messageId: 'emptyName', ...nameRange });
    return;
  }
  const invalid = characters.filter((character) => !ALLOWED.test(character));
  if (invalid.length > 0) {
    const distinct = [...new Set(invalid)];
    const lookalikes = distinct.filter((character) => latinLookalike(character) !== undefined);
    if (lookalikes.length > 0) {
      context.report({ messageId: 'homoglyph', data: { name: printable(name), characters: listOf(lookalikes.map(describeCharacter)), lookalike: printable(asciiLookalike(name)) }, ...nameRange });
    } else {
      context.report({ messageId: 'invalidCharacters', data: { name: printable(name), characters: listOf(distinct.map(describeCharacter)) }, ...nameRange, fixes: spaceFix(context, tool, names) });
    }
  }
  if (characters.length > MAX_LENGTH) context.report({ messageId: 'tooLong', data: { name: `${name.slice(0, 40)}…`, length: characters.length }, ...nameRange });
}

/**
 * `"get user"` → `"get_user"`, when spaces are the only problem, the name is written plainly in one
 * literal, and the name is bound to its handler by the registration (renaming a tool object of a
 * low-level server would break the `switch` that dispatches on the old name).
 */
function spaceFix(context: MetadataRuleContext<MessageId>, tool: NamedTool, names: ReadonlySet<string>): FixDescriptor[] | undefined {
  if (!tool.handler || ![...tool.name].every((character) => ALLOWED.test(character) || character === ' ')) return undefined;
  const written = context.source.text.slice(tool.nameRange.start, tool.nameRange.end);
  const quote = written[0];
  if ((quote !== '"' && quote !== "'" && quote !== '`') || written[written.length - 1] !== quote || written.slice(1, -1) !== tool.name) return undefined;
  const renamed = tool.name.trim().replace(/ +/g, '_');
  if (renamed.length === 0 || names.has(renamed)) return undefined;
  return [{ title: `Rename the tool to '${renamed}'`, edits: [{ start: tool.nameRange.start + 1, end: tool.nameRange.end - 1, newText: renamed }] }];
}

function describeCharacter(character: string): string {
  if (character === ' ') return 'a space';
  if (character === ',') return 'a comma';
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const latin = latinLookalike(character);
  if (latin !== undefined) return `${scriptOf(codePoint)} '${character}' (${hex}, looks like Latin '${latin}')`;
  if (/[\p{Cc}\p{Cf}\p{Z}]/u.test(character)) return `the invisible character ${hex}`;
  if (codePoint < 0x80) return `'${character}'`;
  return `'${character}' (${hex})`;
}

function listOf(items: readonly string[]): string {
  const shown = items.slice(0, 3);
  const rest = items.length - shown.length;
  const joined = shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return rest > 0 ? `${joined} (and ${rest} more)` : joined;
}

/** Invisible characters shown as escapes, so the message displays what the name really holds. */
function printable(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}]/gu, (character) => `\\u{${(character.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}

// ---------------------------------------------------------------------------------------------
// Homoglyphs and look-alike names (TD-08 within one file)

/** Letters of other scripts that render like a Latin letter (Unicode TR39 confusables, common subset). */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'B', е: 'e', к: 'k', м: 'M', н: 'H', о: 'o', р: 'p', с: 'c', т: 'T', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J', Ԁ: 'D', Ԍ: 'G', Ӏ: 'I',
  // Greek
  α: 'a', ο: 'o', ν: 'v', ρ: 'p', ι: 'i', κ: 'k', τ: 't', υ: 'u', χ: 'x', γ: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  // Latin extensions and letterlike symbols
  ı: 'i', ȷ: 'j', ɑ: 'a', ℓ: 'l', ɩ: 'i', ǀ: 'l', ꞵ: 'B',
};

/** The Latin letter a character imitates; fullwidth and mathematical letters included (NFKC). */
function latinLookalike(character: string): string | undefined {
  if (ALLOWED.test(character)) return undefined;
  const mapped = LATIN_LOOKALIKES[character];
  if (mapped) return mapped;
  const normalized = character.normalize('NFKC');
  return normalized !== character && /^[A-Za-z0-9_.-]$/.test(normalized) ? normalized : undefined;
}

/** The name with look-alike letters of other scripts replaced by the Latin letters they imitate. */
function asciiLookalike(name: string): string {
  return [...name].map((character) => latinLookalike(character) ?? character).join('');
}

/**
 * One form for names that look the same: other scripts' look-alikes become Latin, `0`/`O` read as
 * `o`, `1`/`I`/`|` as `l`, `rn` as `m`, `vv` as `w`; invisible characters disappear.
 */
function skeleton(name: string): string {
  return asciiLookalike(name)
    .replace(/[\p{Cf}]/gu, '')
    .replace(/[0O]/g, 'o')
    .replace(/[1I|]/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

/** How suspicious a name's letters are: other scripts and invisible characters most, then digits posing as letters. */
function disguise(name: string): number {
  let score = 0;
  for (const character of name) {
    if (!ALLOWED.test(character)) score += 10;
    else if (/[01]/.test(character)) score += 1;
  }
  return score;
}

/** Names that look like another declared tool's name; the disguised one is reported, once per declaration. */
function checkImitations(context: MetadataRuleContext<MessageId>, tools: readonly NamedTool[]): Set<NamedTool> {
  const groups = new Map<string, NamedTool[]>();
  for (const tool of tools) {
    const key = skeleton(tool.name);
    if (key.length > 0) groups.set(key, [...(groups.get(key) ?? []), tool]);
  }
  const imitators = new Set<NamedTool>();
  for (const group of groups.values()) {
    if (new Set(group.map((tool) => tool.name)).size < 2) continue;
    // The plainest name is the original; on a tie, the one declared first.
    const original = group.reduce((best, tool) => (disguise(tool.name) < disguise(best.name) ? tool : best));
    for (const tool of group) {
      if (tool.name === original.name) continue;
      imitators.add(tool);
      context.report({
        messageId: 'imitation',
        data: { name: printable(tool.name), other: printable(original.name), line: lineOf(context, original.nameRange.start), difference: difference(tool.name, original.name) },
        ...tool.nameRange,
        related: [{ ...original.nameRange, message: `'${printable(original.name)}' is declared here` }],
      });
    }
  }
  return imitators;
}

/** "Cyrillic 'а' (U+0430) in place of Latin 'a'", "'1' in place of 'l'". */
function difference(imitator: string, original: string): string {
  const a = [...imitator];
  const b = [...original];
  const swaps: string[] = [];
  if (a.length === b.length) {
    for (let index = 0; index < a.length; index++) {
      if (a[index] === b[index]) continue;
      const character = a[index]!;
      const codePoint = character.codePointAt(0) ?? 0;
      const shown = ALLOWED.test(character) ? `'${character}'` : `${scriptOf(codePoint)} '${character}' (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
      swaps.push(`${shown} in place of '${b[index]}'`);
    }
  }
  const distinct = [...new Set(swaps)];
  return distinct.length > 0 ? listOf(distinct) : 'look-alike letters';
}

function scriptOf(codePoint: number): string {
  if (codePoint >= 0x0400 && codePoint <= 0x052f) return 'Cyrillic';
  if (codePoint >= 0x0370 && codePoint <= 0x03ff) return 'Greek';
  if (codePoint >= 0xff00 && codePoint <= 0xffef) return 'fullwidth';
  if (codePoint >= 0x1d400 && codePoint <= 0x1d7ff) return 'mathematical';
  return 'non-Latin';
}

// ---------------------------------------------------------------------------------------------
// Duplicates within one server

function checkDuplicate(context: MetadataRuleContext<MessageId>, tool: NamedTool, scopes: ScopeReader, firstByScope: Map<string, NamedTool>): void {
  const key = `${scopes.serverOf(tool)}\u0000${tool.name}`;
  const first = firstByScope.get(key);
  if (!first) {
    firstByScope.set(key, tool);
    return;
  }
  // `if (admin) server.tool('x', …) else server.tool('x', …)` registers one of them.
  if (scopes.exclusive(first, tool)) return;
  context.report({
    messageId: 'duplicate',
    data: { name: printable(tool.name), line: lineOf(context, first.nameRange.start), consequence: consequence(context, tool) },
    ...tool.nameRange,
    related: [{ ...first.nameRange, message: `'${printable(tool.name)}' is first declared here` }],
  });
}

function consequence(context: MetadataRuleContext<MessageId>, tool: NamedTool): string {
  if (context.language === undefined) return 'A client given both cannot tell which one a call reaches, and may drop one or reject the list.';
  if (!tool.handler) return 'Both go out in tools/list, and a client cannot tell which one a call reaches.';
  return context.language === 'python'
    ? 'FastMCP keeps the first registration and ignores this one, with only a logged warning.'
    : "McpServer throws \"Tool … is already registered\" here, so the server fails at startup.";
}

const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function_declaration', 'method_definition', 'function_definition', 'class_body', 'class_definition']);
/** Where one branch runs instead of another: a registration in each is not a duplicate. */
const BRANCHING_TYPES = new Set(['if_statement', 'ternary_expression', 'conditional_expression', 'switch_body', 'switch_statement', 'match_statement', 'try_statement']);

/**
 * Which server a declaration belongs to, read from the syntax tree on demand: the registration's
 * receiver (`server.tool`, `@mcp.tool`) and the function it sits in, so two servers built in one
 * file (`createReadServer()`, `createAdminServer()`) may each have a tool called `status`.
 */
class ScopeReader {
  private root: SyntaxNode | null | undefined;

  constructor(context: MetadataRuleContext<MessageId>, tools: readonly NamedTool[]) {
    if (context.language === undefined) return;
    const known = tools.find((tool) => tool.handler)?.handler ?? context.flow?.handlers[0]?.function ?? context.flow?.functions.values().next().value;
    this.root = known?.tree.rootNode;
  }

  serverOf(tool: NamedTool): string {
    const node = this.nodeOf(tool);
    if (!node) return '';
    let scope: SyntaxNode | null = node.parent;
    while (scope && !FUNCTION_TYPES.has(scope.type)) scope = scope.parent;
    return `${receiverOf(node) ?? ''}@${scope?.startIndex ?? -1}`;
  }

  exclusive(first: NamedTool, second: NamedTool): boolean {
    const a = this.nodeOf(first);
    const b = this.nodeOf(second);
    if (!a || !b) return false;
    const ancestorsOfA = new Set<number>();
    for (let node: SyntaxNode | null = a; node; node = node.parent) ancestorsOfA.add(node.id);
    for (let node: SyntaxNode | null = b.parent; node; node = node.parent) {
      if (!ancestorsOfA.has(node.id)) continue;
      // The lowest common ancestor: a branch point, unless both sit in a try body and its finally.
      return BRANCHING_TYPES.has(node.type) && !(node.type === 'try_statement' && (inFinally(a, node) || inFinally(b, node)));
    }
    return false;
  }

  private nodeOf(tool: NamedTool): SyntaxNode | undefined {
    if (!this.root) return undefined;
    return this.root.descendantForIndex(tool.range.start, tool.range.end) ?? undefined;
  }
}

function inFinally(node: SyntaxNode, statement: SyntaxNode): boolean {
  for (let current: SyntaxNode | null = node; current && current.id !== statement.id; current = current.parent) {
    if (current.type === 'finally_clause') return true;
  }
  return false;
}

/** `server` of `server.tool(…)` / `server.registerTool(…)`, `mcp` of `@mcp.tool()`. */
function receiverOf(node: SyntaxNode): string | undefined {
  if (node.type === 'call_expression') {
    const callee = calleeOf(node);
    return callee?.type === 'member_expression' ? dottedName(callee.childForFieldName('object')) : undefined;
  }
  if (node.type === 'decorated_definition') {
    for (const decorator of namedChildren(node)) {
      if (decorator.type !== 'decorator') continue;
      const expression = namedChildren(decorator)[0];
      const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
      const dotted = dottedName(callee);
      if (dotted?.endsWith('.tool')) return dotted.slice(0, -'.tool'.length);
    }
  }
  return undefined;
}
