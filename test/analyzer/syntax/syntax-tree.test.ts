import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Language, Parser, type Node as TreeSitterNode, type Tree } from '@vscode/tree-sitter-wasm';
import type { CodeLanguage } from '../../../server/src/analyzer/file-kind';
import { CodeParser, singleEdit } from '../../../server/src/analyzer/syntax/code-parser';
import { publicCursorApi, SyntaxTree, type CursorApi, type SyntaxNode } from '../../../server/src/analyzer/syntax/syntax-tree';
import { ruleFixtures } from '../../fuzz/fuzz-support';
import { TEST_ASSETS } from '../../helpers/analyzer';

/**
 * The rules read a JavaScript copy of tree-sitter's tree. These tests hold the copy to what
 * tree-sitter's own node API says, node by node, over every rule fixture in both languages.
 */
// The fixtures are TypeScript and Python; read with the JavaScript and TSX grammars, the TypeScript
// ones also give trees with ERROR nodes, which the copy must reproduce just the same.
const LANGUAGES: Array<[CodeLanguage, readonly string[]]> = [
  ['typescript', ['.ts']],
  ['tsx', ['.ts']],
  ['javascript', ['.ts']],
  ['python', ['.py']],
];

let runtime: Promise<Parser> | undefined;
const grammars = new Map<CodeLanguage, Promise<Language>>();

async function loadGrammar(language: CodeLanguage): Promise<Language> {
  let grammar = grammars.get(language);
  if (!grammar) grammars.set(language, (grammar = TEST_ASSETS.loadGrammar(language).then((bytes) => Language.load(bytes))));
  return grammar;
}

/** Parses `text`, incrementally when given the previous version's (edited) tree. */
async function treeSitterTree(language: CodeLanguage, text: string, oldTree?: Tree): Promise<Tree> {
  runtime ??= Parser.init({ locateFile: () => TEST_ASSETS.runtimeWasmPath }).then(() => new Parser());
  const parser = await runtime;
  parser.setLanguage(await loadGrammar(language));
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error('no tree');
  return tree;
}

/** Compares a copied node with tree-sitter's node, recursively; returns how many nodes matched. */
function compare(copied: SyntaxNode, original: TreeSitterNode, where: string): number {
  const label = `${where} ${original.type} [${original.startIndex}, ${original.endIndex})`;
  assert.equal(copied.type, original.type, label);
  assert.equal(copied.startIndex, original.startIndex, label);
  assert.equal(copied.endIndex, original.endIndex, label);
  assert.equal(copied.isNamed, original.isNamed, label);
  assert.equal(copied.text, original.text, label);
  const children = original.children.filter((child): child is TreeSitterNode => child !== null);
  assert.equal(copied.children.length, children.length, `${label}: children`);
  assert.equal(copied.namedChildren.length, original.namedChildCount, `${label}: named children`);
  let count = 1;
  children.forEach((child, index) => {
    const field = original.fieldNameForChild(index);
    if (field) {
      assert.equal(copied.childForFieldName(field)?.startIndex, original.childForFieldName(field)?.startIndex, `${label}: field ${field}`);
      assert.equal(copied.childrenForFieldName(field).length, original.childrenForFieldName(field).length, `${label}: fields ${field}`);
    }
    assert.equal(copied.children[index]!.parent, copied, `${label}: parent of child ${index}`);
    count += compare(copied.children[index]!, child, where);
  });
  return count;
}

/** The field a node fills in its parent, which the public interface only exposes through childForFieldName. */
const fieldIdOf = (node: SyntaxNode): number => (node as unknown as { fieldId: number }).fieldId;

const TYPES_TO_INDEX: readonly (readonly string[])[] = [['identifier'], ['call_expression', 'call'], ['string', 'comment'], ['ERROR'], ['statement_block', 'block']];

/**
 * Holds a copy (an incremental one) to another copy of the same text (a fresh one), node by node:
 * everything a rule can read, ids and the by-type index included. Returns how many nodes matched.
 */
function compareCopies(actual: SyntaxTree, expected: SyntaxTree, fieldNames: readonly (string | null)[], label: string): number {
  assert.equal(actual.hasError, expected.hasError, `${label}: hasError`);
  const ids = (nodes: readonly SyntaxNode[]) => nodes.map((node) => `${node.id}:${node.type}@${node.startIndex}`);
  let count = 0;
  let nextId = 0;
  const withManyChildren: Array<[SyntaxNode, SyntaxNode]> = [];
  const pending: Array<[SyntaxNode, SyntaxNode]> = [[actual.rootNode, expected.rootNode]];
  for (let pair = pending.pop(); pair; pair = pending.pop()) {
    const [copied, fresh] = pair;
    const where = `${label}: ${fresh.type} [${fresh.startIndex}, ${fresh.endIndex})`;
    assert.deepEqual(
      [copied.id, copied.type, copied.startIndex, copied.endIndex, copied.isNamed, copied.text, fieldIdOf(copied), copied.children.length],
      [fresh.id, fresh.type, fresh.startIndex, fresh.endIndex, fresh.isNamed, fresh.text, fieldIdOf(fresh), fresh.children.length],
      where,
    );
    // Ids are pre-order and contiguous: each node's is one more than the previous node's.
    assert.equal(copied.id, nextId++, `${where}: id`);
    assert.equal(copied.tree, actual, `${where}: tree`);
    assert.equal(copied.parent?.id, fresh.parent?.id, `${where}: parent`);
    copied.children.forEach((child, index) => {
      assert.equal(child.parent, copied, `${where}: parent of child ${index}`);
      if (fieldIdOf(child) !== 0) {
        const name = fieldNames[fieldIdOf(child)]!;
        assert.equal(copied.childForFieldName(name)?.id, fresh.childForFieldName(name)?.id, `${where}: field ${name}`);
      }
    });
    if (copied.parent === null || copied.children.length > 3) withManyChildren.push(pair);
    count++;
    for (let index = fresh.children.length - 1; index >= 0; index--) pending.push([copied.children[index]!, fresh.children[index]!]);
  }
  // descendantsOfType reads lastId (a subtree's last id) and the by-type index.
  for (const [copied, fresh] of withManyChildren) {
    for (const types of TYPES_TO_INDEX) {
      assert.deepEqual(ids(copied.descendantsOfType(types)), ids(fresh.descendantsOfType(types)), `${label}: ${types.join(',')} in ${fresh.type}@${fresh.startIndex}`);
    }
  }
  return count;
}

void describe('SyntaxTree (the copy of tree-sitter trees the rules read)', () => {
  for (const [language, extensions] of LANGUAGES) {
    void it(`matches tree-sitter node by node on every ${language} fixture`, async () => {
      const parser = await CodeParser.create(TEST_ASSETS);
      const fixtures = ruleFixtures(extensions);
      assert.ok(fixtures.length > 0, `no ${language} fixtures`);
      let nodes = 0;
      for (const fixture of fixtures) {
        const original = await treeSitterTree(language, fixture.text);
        try {
          const copy = await parser.parse(language, fixture.text, 5000);
          nodes += compare(copy.rootNode, original.rootNode, fixture.name);
          assert.equal(copy.hasError, original.rootNode.hasError, fixture.name);
          // The slower public-API walk builds the same tree (the fallback when the module lacks exports).
          const viaPublicApi = SyntaxTree.copy(original, fixture.text, publicCursorApi);
          nodes += compare(viaPublicApi.rootNode, original.rootNode, `${fixture.name} (public API)`);
        } finally {
          original.delete();
        }
      }
      assert.ok(nodes > 1000, `only ${nodes} nodes compared`);
      parser.dispose();
    });
  }

  void it('descendantsOfType and descendantForIndex answer like tree-sitter', async () => {
    const parser = await CodeParser.create(TEST_ASSETS);
    for (const fixture of ruleFixtures(['.ts', '.py']).slice(0, 40)) {
      const language: CodeLanguage = fixture.name.endsWith('.py') ? 'python' : 'typescript';
      const original = await treeSitterTree(language, fixture.text);
      try {
        const copy = await parser.parse(language, fixture.text, 5000);
        const span = (node: { type: string; startIndex: number; endIndex: number } | null) => (node ? `${node.type}@${node.startIndex}-${node.endIndex}` : 'null');
        for (const types of [['call_expression', 'call'], ['string'], ['identifier', 'string', 'comment'], ['ERROR']]) {
          assert.deepEqual(copy.rootNode.descendantsOfType(types).map(span), original.rootNode.descendantsOfType(types).map(span), `${fixture.name} ${types.join(',')}`);
          // Within one subtree too: the first function or class body.
          const inner = original.rootNode.descendantsOfType(['statement_block', 'block'])[0];
          if (inner) {
            const copied = copy.rootNode.descendantForIndex(inner.startIndex, inner.endIndex);
            assert.deepEqual(copied.descendantsOfType(types).map(span), inner.descendantsOfType(types).map(span), `${fixture.name} ${types.join(',')} in ${span(inner)}`);
          }
        }
        for (let offset = 0; offset < fixture.text.length; offset += 37) {
          assert.equal(span(copy.rootNode.descendantForIndex(offset)), span(original.rootNode.descendantForIndex(offset)), `${fixture.name} at ${offset}`);
          const end = Math.min(fixture.text.length, offset + 11);
          assert.equal(span(copy.rootNode.descendantForIndex(offset, end)), span(original.rootNode.descendantForIndex(offset, end)), `${fixture.name} at ${offset}-${end}`);
        }
      } finally {
        original.delete();
      }
    }
    parser.dispose();
  });
});

void describe('SyntaxNode ancestry by id', () => {
  void it('contains and closestAncestor agree with walking parents, for every node of a fixture', async () => {
    const parser = await CodeParser.create(TEST_ASSETS);
    const blocks = new Set(['statement_block', 'block', 'program', 'module', 'class_body']);
    let checked = 0;
    for (const fixture of ruleFixtures(['.ts', '.py']).slice(0, 12)) {
      const copy = await parser.parse(fixture.name.endsWith('.py') ? 'python' : 'typescript', fixture.text, 5000);
      const other = await parser.parse('python', 'x = 1\n', 5000);
      const walk = (node: SyntaxNode, ancestors: SyntaxNode[]) => {
        let expected: SyntaxNode | null = null;
        for (let index = ancestors.length - 1; index >= 0 && !expected; index--) if (blocks.has(ancestors[index]!.type)) expected = ancestors[index]!;
        assert.equal(node.closestAncestor(blocks), expected, `${fixture.name}: closest block of ${node.type}@${node.startIndex}`);
        for (const ancestor of ancestors) assert.ok(ancestor.contains(node));
        assert.ok(node.contains(node));
        if (node.parent) assert.equal(node.contains(node.parent), false);
        assert.equal(other.rootNode.contains(node), false, 'a node of another tree');
        checked++;
        for (const child of node.children) walk(child, [...ancestors, node]);
      };
      walk(copy.rootNode, []);
    }
    assert.ok(checked > 2000, `only ${checked} nodes`);
    parser.dispose();
  });
});

void describe('SyntaxTree.releaseNodes', () => {
  void it('forgets the node objects, while nodes handed out before stay usable and equal to new ones', async () => {
    const parser = await CodeParser.create(TEST_ASSETS);
    const copy = await parser.parse('typescript', 'const a = f(b, "c");\n', 5000);
    const call = copy.rootNode.descendantsOfType('call_expression')[0]!;
    assert.equal(copy.node(call.id), call, 'the same object while remembered');
    copy.releaseNodes();
    const again = copy.node(call.id);
    assert.notEqual(again, call, 'a new object after the release');
    for (const node of [call, again]) {
      assert.equal(node.text, 'f(b, "c")');
      assert.equal(node.parent?.type, 'variable_declarator');
      assert.deepEqual(node.namedChildren.map((child) => child.type), ['identifier', 'arguments']);
      assert.equal(node.childForFieldName('function')?.text, 'f');
    }
    assert.equal(copy.rootNode.descendantForIndex(call.startIndex).text, 'f');
    parser.dispose();
  });
});

void describe('incremental parsing of an open document', () => {
  void it('singleEdit spans exactly the changed text, with rows and columns', () => {
    assert.deepEqual(singleEdit('abc\ndef\nghi', 'abc\ndXYf\nghi'), {
      startIndex: 5,
      oldEndIndex: 6,
      newEndIndex: 7,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 2 },
      newEndPosition: { row: 1, column: 3 },
    });
    // Insertion between equal characters, deletion to the end, and no change at all.
    assert.deepEqual([singleEdit('aa', 'aaa').startIndex, singleEdit('aa', 'aaa').oldEndIndex, singleEdit('aa', 'aaa').newEndIndex], [2, 2, 3]);
    assert.deepEqual([singleEdit('x\ny', 'x').startIndex, singleEdit('x\ny', 'x').oldEndIndex, singleEdit('x\ny', 'x').oldEndPosition.row], [1, 3, 1]);
    assert.deepEqual([singleEdit('same', 'same').startIndex, singleEdit('same', 'same').oldEndIndex, singleEdit('same', 'same').newEndIndex], [4, 4, 4]);
  });

  // tree-sitter's own incremental parse can recover from errors differently from a fresh parse
  // (a paste that splits a statement, say), so each version is held to a full copy of the very tree
  // tree-sitter produced incrementally, and to a fresh parse whenever tree-sitter's trees agree.
  void it('a document parsed version after version gets the same tree as a full copy and a fresh parse, and is freed on forget', async () => {
    const incremental = await CodeParser.create(TEST_ASSETS);
    const fresh = await CodeParser.create(TEST_ASSETS);
    const sources = ruleFixtures(['.ts', '.py']).slice(0, 30);
    assert.equal(sources.length, 30);
    let random = 42;
    const next = (limit: number) => {
      random = (random * 1103515245 + 12345) % 2147483648;
      return random % Math.max(1, limit);
    };
    const pieces = ['(', ')', '{', '}', "'", '"', '`', '\n', ' ', 'x', 'exec(', '#', '//', '\\', 'é', '😀', ':', '    '];
    const shape = (node: SyntaxNode): string => `${node.type}@${node.startIndex}-${node.endIndex}(${node.children.map(shape).join(',')})`;
    let nodes = 0;
    let versions = 0;
    let versionsLikeFresh = 0;
    for (const source of sources) {
      const language: CodeLanguage = source.name.endsWith('.py') ? 'python' : 'typescript';
      const fieldNames = (await loadGrammar(language)).fields;
      let text = source.text;
      let previousText = text;
      let treeSitterIncremental: Tree | undefined;
      for (let version = 0; version < 25; version++) {
        const label = `${source.name} version ${version}`;
        const copy = await incremental.parse(language, text, 5000, source.name);
        treeSitterIncremental?.edit(singleEdit(previousText, text));
        const reparsed = await treeSitterTree(language, text, treeSitterIncremental);
        treeSitterIncremental?.delete();
        treeSitterIncremental = reparsed;
        const fullCopy = SyntaxTree.copy(reparsed, text, publicCursorApi);
        nodes += compareCopies(copy, fullCopy, fieldNames, label);
        const expected = await fresh.parse(language, text, 5000);
        versions++;
        if (shape(fullCopy.rootNode) === shape(expected.rootNode)) {
          versionsLikeFresh++;
          compareCopies(copy, expected, fieldNames, `${label} (fresh)`);
        }
        previousText = text;
        const at = next(text.length);
        const kind = next(8);
        if (kind === 0) {
          // A paste of several lines taken from elsewhere in the document.
          const from = next(text.length);
          text = text.slice(0, at) + text.slice(from, from + 40 + next(200)) + text.slice(at);
        } else if (kind === 1) {
          // A deletion spanning statements.
          text = text.slice(0, at) + text.slice(at + 30 + next(150));
        } else {
          // Typing, deleting and replacing a little.
          const removed = next(3) === 0 ? next(20) : 0;
          const inserted = next(4) === 0 ? '' : pieces[next(pieces.length)]!;
          text = text.slice(0, at) + inserted + text.slice(at + removed);
        }
      }
      treeSitterIncremental?.delete();
    }
    assert.ok(nodes > 100_000, `only ${nodes} nodes compared`);
    assert.ok(versionsLikeFresh > versions * 0.9, `only ${versionsLikeFresh} of ${versions} versions parsed as a fresh parse would`);
    assert.equal(incremental.retainedCount, sources.length);
    for (const source of sources) incremental.forget(source.name);
    assert.equal(incremental.retainedCount, 0);
    // A document whose language changed is parsed from scratch, not from a tree of another grammar.
    await incremental.parse('typescript', 'const a = 1;', 5000, 'doc');
    const switched = await incremental.parse('python', 'a = 1\n', 5000, 'doc');
    assert.equal(switched.rootNode.type, 'module');
    incremental.dispose();
    fresh.dispose();
  });

  void it('copies only what an edit changed, and clones the rest from the previous copy', async () => {
    const block = (index: number) => [
      `function helper${index}(value: string): string {`,
      `  const trimmed = value.trim();`,
      `  return exec(\`git log \${trimmed}-${index}\`);`,
      `}`,
    ];
    const before = Array.from({ length: 250 }, (_, index) => block(index).join('\n')).join('\n') + '\n';
    // One character typed inside one function near the middle.
    const at = before.indexOf('value.trim', before.indexOf('helper120('));
    const after = before.slice(0, at) + 'x' + before.slice(at);
    const fieldNames = (await loadGrammar('typescript')).fields;
    for (const [name, api] of [['public', publicCursorApi]] as const) {
      let reads = 0;
      const counting: CursorApi = {
        open(tree) {
          const cursor = api.open(tree);
          return { ...cursor, typeId: () => (reads++, cursor.typeId()) };
        },
      };
      const oldTree = await treeSitterTree('typescript', before);
      const previous = SyntaxTree.copy(oldTree, before, counting);
      const previousFresh = SyntaxTree.copy(oldTree, before, publicCursorApi);
      const previousShape = compareCopies(previous, previousFresh, fieldNames, 'previous');
      const edit = singleEdit(before, after);
      oldTree.edit(edit);
      const parser = await runtime!;
      const newTree = parser.parse(after, oldTree)!;
      const changedRanges = oldTree.getChangedRanges(newTree);
      reads = 0;
      const copy = SyntaxTree.copy(newTree, after, counting, { tree: previous, edit, changedRanges });
      const fullCopy = SyntaxTree.copy(newTree, after, publicCursorApi);
      const total = compareCopies(copy, fullCopy, fieldNames, name);
      assert.ok(total > 5000, `${total} nodes`);
      // The walk reads the top-level statements and the path down to the edit, not the 5,000-odd other nodes.
      assert.ok(reads < 400 && reads < total / 30, `${name}: ${reads} of ${total} nodes read through the cursor`);
      // The previous copy is cloned, not moved: it still describes the previous text.
      assert.equal(compareCopies(previous, previousFresh, fieldNames, 'previous after'), previousShape);
      oldTree.delete();
      newTree.delete();
    }
  });

  void it('keeps at most 32 documents', async () => {
    const parser = await CodeParser.create(TEST_ASSETS);
    for (let index = 0; index < 40; index++) await parser.parse('python', `x = ${index}\n`, 5000, `doc-${index}`);
    assert.equal(parser.retainedCount, 32);
    parser.dispose();
    assert.equal(parser.retainedCount, 0);
  });
});
