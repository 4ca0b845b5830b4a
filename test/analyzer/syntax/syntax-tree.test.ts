import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Language, Parser, type Node as TreeSitterNode, type Tree } from '@vscode/tree-sitter-wasm';
import type { CodeLanguage } from '../../../server/src/analyzer/file-kind';
import { CodeParser, singleEdit } from '../../../server/src/analyzer/syntax/code-parser';
import { publicCursorApi, SyntaxTree, type SyntaxNode } from '../../../server/src/analyzer/syntax/syntax-tree';
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

async function treeSitterTree(language: CodeLanguage, text: string): Promise<Tree> {
  runtime ??= Parser.init({ locateFile: () => TEST_ASSETS.runtimeWasmPath }).then(() => new Parser());
  const parser = await runtime;
  let grammar = grammars.get(language);
  if (!grammar) grammars.set(language, (grammar = TEST_ASSETS.loadGrammar(language).then((bytes) => Language.load(bytes))));
  parser.setLanguage(await grammar);
  const tree = parser.parse(text);
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

  void it('a document parsed version after version gets the same tree as a fresh parse, and is freed on forget', async () => {
    const incremental = await CodeParser.create(TEST_ASSETS);
    const fresh = await CodeParser.create(TEST_ASSETS);
    const sources = ruleFixtures(['.ts', '.py']).slice(0, 30);
    let random = 42;
    const next = (limit: number) => {
      random = (random * 1103515245 + 12345) % 2147483648;
      return random % Math.max(1, limit);
    };
    const pieces = ['(', ')', '{', '}', "'", '"', '`', '\n', ' ', 'x', 'exec(', '#', '//', '\\', 'é', '😀', ':', '    '];
    for (const source of sources) {
      const language: CodeLanguage = source.name.endsWith('.py') ? 'python' : 'typescript';
      let text = source.text;
      for (let version = 0; version < 12; version++) {
        const copy = await incremental.parse(language, text, 5000, source.name);
        const expected = await fresh.parse(language, text, 5000);
        const shape = (node: SyntaxNode): string => `${node.type}@${node.startIndex}-${node.endIndex}(${node.children.map(shape).join(',')})`;
        assert.equal(shape(copy.rootNode), shape(expected.rootNode), `${source.name} version ${version}`);
        // Typing, deleting and pasting: an insertion, a deletion or a replacement somewhere.
        const at = next(text.length);
        const removed = next(3) === 0 ? next(20) : 0;
        const inserted = next(4) === 0 ? '' : pieces[next(pieces.length)]!;
        text = text.slice(0, at) + inserted + text.slice(at + removed);
      }
    }
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

  void it('keeps at most 32 documents', async () => {
    const parser = await CodeParser.create(TEST_ASSETS);
    for (let index = 0; index < 40; index++) await parser.parse('python', `x = ${index}\n`, 5000, `doc-${index}`);
    assert.equal(parser.retainedCount, 32);
    parser.dispose();
    assert.equal(parser.retainedCount, 0);
  });
});
