import type { SyntaxNode } from '../syntax/syntax-tree';
import { decodeStringNode } from '../syntax/string-literal';
import { namedChildren } from '../syntax/tree';

type Part = { kind: 'text'; text: string } | { kind: 'expression'; node: SyntaxNode };

/** Static text and interpolated expressions of a template literal or an f-string, in order. */
function templateParts(node: SyntaxNode): Part[] | undefined {
  const parts: Part[] = [];
  if (node.type === 'template_string') {
    for (const child of namedChildren(node)) {
      if (child.type === 'template_substitution') {
        const expression = namedChildren(child)[0];
        if (!expression) return undefined;
        parts.push({ kind: 'expression', node: expression });
      } else if (child.type === 'string_fragment') parts.push({ kind: 'text', text: child.text });
      else return undefined;
    }
    return parts;
  }
  if (node.type === 'string') {
    const prefix = node.firstChild?.text.replace(/(?<!["'])["']+$/, '').toLowerCase() ?? '';
    if (!prefix.includes('f') && decodeStringNode(node)?.isComplete) {
      const value = decodeStringNode(node)?.value;
      return value === undefined ? undefined : [{ kind: 'text', text: value }];
    }
    for (const child of namedChildren(node)) {
      if (child.type === 'string_start' || child.type === 'string_end') continue;
      if (child.type === 'interpolation') {
        const expression = child.childForFieldName('expression');
        // Conversions and format specs (`{x!r}`, `{x:>10}`) change the text; keep it simple.
        if (!expression || namedChildren(child).length > 1) return undefined;
        parts.push({ kind: 'expression', node: expression });
      } else if (child.type === 'string_content') {
        if (namedChildren(child).length > 0) return undefined;
        parts.push({ kind: 'text', text: child.text });
      } else return undefined;
    }
    return parts;
  }
  return undefined;
}

/** Text that a shell would treat specially, so splitting on blanks would not be what the shell does. */
const SHELL_SYNTAX = /[|&;<>()$`'"\\*?[\]{}~#!\n]/;

export type ArgvToken = Array<{ kind: 'text'; text: string } | { kind: 'expression'; node: SyntaxNode }>;

/**
 * The argv a plain command line would have: `git log ${branch}` → [git] [log] [branch].
 * Undefined when the static text holds shell syntax (pipes, quotes, redirections, globs), which
 * argv cannot express one-to-one.
 */
export function splitCommandLine(node: SyntaxNode): ArgvToken[] | undefined {
  const parts = templateParts(node);
  if (!parts) return undefined;
  const tokens: ArgvToken[] = [];
  let current: ArgvToken = [];
  const flush = () => {
    if (current.length > 0) tokens.push(current);
    current = [];
  };
  for (const part of parts) {
    if (part.kind === 'expression') {
      current.push(part);
      continue;
    }
    if (SHELL_SYNTAX.test(part.text)) return undefined;
    const pieces = part.text.split(/([ \t]+)/);
    pieces.forEach((piece) => {
      if (/^[ \t]+$/.test(piece)) flush();
      else if (piece !== '') current.push({ kind: 'text', text: piece });
    });
  }
  flush();
  return tokens.length > 0 ? tokens : undefined;
}

/**
 * A token as source code: a quoted literal, the expression converted to a string (argv items must
 * be strings, and the shell line stringified them too), or a template for glued pieces.
 */
export function tokenSource(token: ArgvToken, language: 'js-ts' | 'python', quote: string): string {
  const [only] = token;
  if (token.length === 1 && only) {
    if (only.kind === 'text') return `${quote}${only.text}${quote}`;
    return language === 'python' ? `str(${only.node.text})` : `String(${only.node.text})`;
  }
  if (language === 'python') return `f${quote}${token.map((piece) => (piece.kind === 'text' ? piece.text.replace(/[{}]/g, '$&$&') : `{${piece.node.text}}`)).join('')}${quote}`;
  return `\`${token.map((piece) => (piece.kind === 'text' ? piece.text.replace(/[`$\\]/g, '\\$&') : `\${${piece.node.text}}`)).join('')}\``;
}
