import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { isSafePattern } from 'redos-detector';
import ts from 'typescript';
import { REPOSITORY_ROOT } from '../helpers/paths';

/**
 * Every regular expression written in server/src (rules, analyzer, token, hosts) is checked for
 * ReDoS: the rules run on untrusted text on every keystroke. The patterns are module-private
 * constants, so they are read from the sources with the TypeScript parser: regex literals and
 * `new RegExp(...)` / `RegExp(...)` whose pattern is a static string (dynamic ones are counted).
 *
 * Two checks: every pattern is timed on long failing inputs (quadratic backtracking, the common
 * kind: `/\s+$/` rescans a run of spaces from every start), and patterns with a repeated group that
 * holds a quantifier or an alternation go to redos-detector (exponential backtracking, `(a+)+`).
 * redos-detector alone is not used on all patterns: ~50 ms each, and it scores every unanchored
 * `x\s*:` as unsafe, which the timing shows is linear in practice.
 */

const SOURCE_ROOT = join(REPOSITORY_ROOT, 'server', 'src');

/**
 * redos-detector's score is the worst-case number of ways one input can be matched (backtracks);
 * its default maxScore (200) is tuned for patterns run on untrusted input, which is our case.
 */
const MAX_SCORE = 200;
const MAX_STEPS = 20_000;
/**
 * Large alternations of words time out without a verdict; those are listed as inconclusive, not
 * failed. `MCP_WARDEN_FUZZ_RUNS` (the long robustness mode) gives the detector more time.
 */
const TIMEOUT_MS = process.env.MCP_WARDEN_FUZZ_RUNS ? 5_000 : 100;

/**
 * Known super-linear patterns not fixed yet, matched by file (relative to server/src) and the start
 * of the pattern, each with why it is tolerated. The test found them; their owners should rewrite
 * them (the usual fix for a trailing run is a lookbehind: `/(?<!\s)\s+$/`, linear, same match).
 * Keep this list short; a new unsafe pattern fails the test.
 */
const ALLOWED: ReadonlyArray<{ file: string; prefix: string; reason: string }> = [
  { file: 'analyzer/text/secrets.ts', prefix: String.raw`(?:your|my|the)[-_ ]?(?:own[-_ ]?)?`, reason: 'runs on one candidate secret value (a string literal or config value), not on whole files; quadratic only on runs of `<`' },
  { file: 'rules/tool-metadata/no-cross-tool-reference.ts', prefix: String.raw`^(?:the\s+)?(.+?)\s+(?:tools?`, reason: 'runs on one short phrase already cut from a sentence, not on whole descriptions' },
];

/**
 * redos-detector false alarms: patterns it scores as unbounded (long mode, where it has time for a
 * verdict) that stay linear in V8. Unlike ALLOWED they are still timed, on the usual pumps and on the
 * pattern's own words (wordPumps), so only the detector's verdict is overridden. The usual shape: a
 * bounded word gap (`(?:\w+\s+){0,5}?`) after or before a word alternation; the detector counts each
 * way a run of the alternation's words can split between the gap and the literal as a separate path
 * with no bound on the input, while V8 tries at most gap-size + 1 splits per start position.
 */
/** Why most detector-only alarms are false: the common shape of the description rules' phrases. */
const WORD_GAP = 'bounded word gap next to a word alternation; linear in V8 on the word pumps (at most gap + 1 splits per start)';

const DETECTOR_FALSE_ALARMS: ReadonlyArray<{ file: string; prefix: string; reason: string }> = [
  { file: 'rules/tool-metadata/no-concealment-directive.ts', prefix: String.raw`\b(?:hide|conceal|withhold|hold\s+back|keep)\s+(?:`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-concealment-directive.ts', prefix: String.raw`\b(?:no|nunca|jam[aá]s)\s+`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-concealment-directive.ts', prefix: String.raw`\bsin\s+que\s+el\s+usuario`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-concealment-directive.ts', prefix: String.raw`\bne\s+(?:le\s+`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-concealment-directive.ts', prefix: String.raw`\bn['’]\s*(?:informe`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-concealment-directive.ts', prefix: String.raw`\b(?:sag|sage|sagen\s+Sie`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-concealment-directive.ts', prefix: String.raw`\bohne\s+dass\s+`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-concealment-directive.ts', prefix: String.raw`\bnon\s+(?:dire|`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-conversation-exfiltration.ts', prefix: String.raw`(?:\b(?:can|could|will|would|may|might|lets\s+you|`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-sensitive-file-request.ts', prefix: String.raw`(?:\b(?:can|could|will|would|may|might|lets\s+you|`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-sensitive-file-request.ts', prefix: String.raw`\b(?:(?:the\s+)?(?:full|entire|raw|complete|whole)\s+)?`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-cross-tool-reference.ts', prefix: String.raw`^(?:(?:the|any|all|every|other|another|each|`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-hidden-side-effect.ts', prefix: String.raw`\b(?:to|on|in|into|with|via|at)\s+(?:our|`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-hidden-side-effect.ts', prefix: String.raw`^\s*(?:[\w'’-]+\s+){0,5}?(?:to|with)\s+`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-hidden-side-effect.ts', prefix: String.raw`\b(?:shares?|shared|sharing|`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-hidden-side-effect.ts', prefix: String.raw`\bcompart(?:e|en|ido`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-instruction-override.ts', prefix: String.raw`\b(?:this|these|the\s+following)\s+(?:instructions?|`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-instruction-override.ts', prefix: String.raw`\byou\s+are\s+now\s+`, reason: WORD_GAP },
  { file: 'rules/tool-metadata/no-exfiltration-parameter.ts', prefix: String.raw`\b(?:(?:full|entire|whole|complete|previous|prior|earlier|past)\s+(?:\w+\s+){0,2}?`, reason: WORD_GAP },
  { file: 'rules/transport/no-permissive-cors.ts', prefix: String.raw`^(?:\w+\.)*headers`, reason: 'anchored, and each repeated word ends at its own dot, so an expression splits one way only; runs on one callee expression' },
  { file: 'sbom/yarn-lock.ts', prefix: String.raw`^("(?:[^"\\]|\\.)*"|\S+)\s+(.*)$`, reason: 'anchored; the quoted branch is unambiguous and the unquoted token ends where the spaces start, so a line is tried at most twice; runs on one lockfile line' },
  { file: 'rules/config/no-shell-in-config.ts', prefix: String.raw`\b(?:curl|wget|fetch|`, reason: 'the tempered token stops at the next keyword and the path at the next `|`, so each character is scanned once per keyword segment; linear on the word pumps (`curl `, `curl|`)' },
];

function falseAlarmEntry(pattern: FoundPattern): (typeof DETECTOR_FALSE_ALARMS)[number] | undefined {
  return DETECTOR_FALSE_ALARMS.find((entry) => entry.file === pattern.file && pattern.pattern.startsWith(entry.prefix));
}

function allowedEntry(pattern: FoundPattern): (typeof ALLOWED)[number] | undefined {
  return ALLOWED.find((entry) => entry.file === pattern.file && pattern.pattern.startsWith(entry.prefix));
}

interface FoundPattern {
  file: string;
  line: number;
  pattern: string;
  flags: string;
}

interface SkippedPattern {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    // Fixtures are sample code under analysis, not code that runs.
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts') || /\.(?:fixture|fixed)[.-]/.test(entry.name)) return [];
    return [path];
  });
}

/** The static text of a string argument: a string literal, a plain template, or String.raw`…` without substitutions. */
function staticText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'String.raw' && ts.isNoSubstitutionTemplateLiteral(node.template)) {
    return node.template.rawText ?? node.template.text;
  }
  return undefined;
}

function collectPatterns(file: string): { found: FoundPattern[]; skipped: SkippedPattern[] } {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const name = relative(SOURCE_ROOT, file);
  const found: FoundPattern[] = [];
  const skipped: SkippedPattern[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(source);
      const end = literal.lastIndexOf('/');
      found.push({ file: name, line: lineOf(node), pattern: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [patternArgument, flagsArgument] = node.arguments ?? [];
      const pattern = patternArgument && staticText(patternArgument);
      const flags = flagsArgument ? staticText(flagsArgument) : '';
      if (pattern !== undefined && flags !== undefined) found.push({ file: name, line: lineOf(node), pattern, flags });
      else skipped.push({ file: name, line: lineOf(node), text: node.getText(source).slice(0, 120) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { found, skipped };
}

/**
 * Where a quantifier that repeats (max > 1) applies to a group that itself holds a repeating
 * quantifier or an alternation: the shape of exponential backtracking (`(a+)+`, `(a|ab)*`). Only
 * these go to redos-detector: it needs ~50 ms per pattern, too slow for all of them in `npm test`,
 * and it scores every unanchored `\s*x` as unsafe (the polynomial probe below covers those).
 * A small scanner of the pattern's source, not a full parser: escapes, classes, groups, `|`, quantifiers.
 */
function hasNestedQuantifier(pattern: string): boolean {
  const frames: Array<{ repeats: boolean; alternates: boolean }> = [{ repeats: false, alternates: false }];
  let nested = false;
  let index = 0;
  /** Reads a quantifier at `index`; whether it repeats (max > 1), undefined when there is none. */
  const quantifier = (): boolean | undefined => {
    const character = pattern[index];
    if (character === '*' || character === '+' || character === '?') {
      index++;
      if (pattern[index] === '?') index++;
      return character !== '?';
    }
    if (character === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index, index + 24));
      if (!match) return undefined;
      index += match[0].length;
      if (pattern[index] === '?') index++;
      return match[2] === undefined ? Number(match[1]) > 1 : match[3] === '' || Number(match[3]) > 1;
    }
    return undefined;
  };
  while (index < pattern.length) {
    const character = pattern[index]!;
    const frame = frames[frames.length - 1]!;
    if (character === '(') {
      frames.push({ repeats: false, alternates: false });
      index++;
      continue;
    }
    if (character === ')') {
      const closed = frames.length > 1 ? frames.pop()! : { repeats: false, alternates: false };
      index++;
      const repeats = quantifier();
      if (repeats && (closed.repeats || closed.alternates)) nested = true;
      const parent = frames[frames.length - 1]!;
      parent.repeats ||= closed.repeats || repeats === true;
      continue;
    }
    if (character === '|') {
      frame.alternates = true;
      index++;
      continue;
    }
    if (character === '\\') index += 2;
    else if (character === '[') {
      index++;
      while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1;
      index++;
    } else index++;
    if (quantifier()) frame.repeats = true;
  }
  return nested;
}

/** redos-detector on one attempt of the pattern (anchored): does a failing input backtrack exponentially? */
function detectorVerdict(pattern: FoundPattern): { safe: boolean; detail: string; inconclusive?: boolean } {
  const unicode = pattern.flags.includes('u') || pattern.flags.includes('v');
  // Its parser rejects named groups (`(?<target>…)`); a name does not change how a group matches.
  const source = pattern.pattern.replace(/(?<!\\)\(\?<(?![=!])[\p{ID_Start}$_][\p{ID_Continue}$]*>/gu, '(');
  const result = isSafePattern(source.startsWith('^') ? source : `^(?:${source})`, {
    maxScore: MAX_SCORE,
    maxSteps: MAX_STEPS,
    timeout: TIMEOUT_MS,
    // redos-detector cannot combine both; unicode is needed to parse \p{…}, so case-folding is dropped.
    caseInsensitive: pattern.flags.includes('i') && !unicode,
    dotAll: pattern.flags.includes('s'),
    multiLine: pattern.flags.includes('m'),
    unicode,
  });
  if (result.safe) return { safe: true, detail: '' };
  if (result.error !== 'hitMaxScore') return { safe: true, detail: `redos-detector: ${result.error}`, inconclusive: true };
  const score = result.score.infinite ? 'infinite' : String(result.score.value);
  return { safe: false, detail: `redos-detector: ${result.error} (score ${score}${result.patternDowngraded ? ', downgraded' : ''})` };
}

/**
 * Characters repeated to build failing inputs. Polynomial backtracking (`/[ \t]+$/` on a long run of
 * spaces: every start position rescans the run) is the common real-world ReDoS in a linter; it
 * shows as time growing with the square of the input, so each pattern runs on long runs of these.
 */
const PUMPS = [' ', '\t', '\n', 'a', 'A', '0', '_', '-', '.', '/', '\\', '"', "'", '<', '>', '=', ':', '{', '(', '*', '#', '@', '$', 'a ', 'a-', 'a.', 'a=', 'a/', '-a', 'aA', '\n '];
const SCREEN_LENGTH = 2_000;
const SCREEN_LIMIT_MS = 1;
const CONFIRM_LENGTH = 10_000;
/** Linear matching of 10,000 characters takes well under a millisecond; quadratic takes 50 ms or more. */
const CONFIRM_LIMIT_MS = 20;

/**
 * Pumps built from the pattern's own words (`hide from keep `…, `curl `, `SSL_VERIFY_`): the generic
 * pumps never spell a keyword, so they miss the backtracking that starts at every occurrence of one
 * (`/\bcurl\b[^|]*\|/` rescans the rest of the line from each `curl`). Each word alone and all of
 * them in a cycle, joined by a space and by `_`.
 */
function wordPumps(pattern: string): string[] {
  const literal = pattern.replace(/\\[pPu]\{[^}]*\}|\\[^pPu]|\[(?:\\.|[^\]\\])*\]/gu, ' ');
  const words = [...new Set(literal.match(/[\p{L}\d]{2,}/gu) ?? [])];
  if (words.length === 0) return [];
  return [...words.map((word) => `${word} `), `${words.join(' ')} `, `${words.join('_')}_`];
}

function timed(regex: RegExp, text: string): number {
  const started = performance.now();
  regex.lastIndex = 0;
  regex.exec(text);
  return performance.now() - started;
}

/** The slowest failing input found for a pattern, when one takes super-linear time. */
function polynomialVerdict(pattern: FoundPattern): { safe: boolean; detail: string } {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern.pattern, pattern.flags.replace(/[gy]/g, ''));
  } catch {
    return { safe: true, detail: '' };
  }
  for (const pump of [...PUMPS, ...wordPumps(pattern.pattern)]) {
    const screen = `${pump.repeat(Math.ceil(SCREEN_LENGTH / pump.length))}\u0001`;
    if (timed(regex, screen) < SCREEN_LIMIT_MS) continue;
    const long = `${pump.repeat(Math.ceil(CONFIRM_LENGTH / pump.length))}\u0001`;
    // The faster of two runs, so a GC pause cannot fail a linear pattern.
    let elapsed = timed(regex, long);
    if (elapsed >= CONFIRM_LIMIT_MS) elapsed = Math.min(elapsed, timed(regex, long));
    if (elapsed >= CONFIRM_LIMIT_MS) return { safe: false, detail: `${Math.round(elapsed)} ms on ${JSON.stringify(pump)} × ${CONFIRM_LENGTH / pump.length} (super-linear)` };
  }
  return { safe: true, detail: '' };
}

void describe('regular expressions in server/src', () => {
  const files = sourceFiles(SOURCE_ROOT);
  const collected = files.map(collectPatterns);
  const patterns = collected.flatMap((entry) => entry.found);
  const skipped = collected.flatMap((entry) => entry.skipped);

  void it('finds the patterns to check', () => {
    // A guard against the scan silently finding nothing (e.g. the sources moved).
    assert.ok(files.length > 50, `only ${files.length} source files under ${SOURCE_ROOT}`);
    assert.ok(patterns.length > 100, `only ${patterns.length} patterns found`);
  });

  void it('has no pattern prone to catastrophic or polynomial backtracking (ReDoS)', (t) => {
    const unsafe: string[] = [];
    const allowedSeen = new Set<(typeof ALLOWED)[number]>();
    const falseAlarmsSeen = new Set<(typeof DETECTOR_FALSE_ALARMS)[number]>();
    const verdicts = new Map<string, { safe: boolean; detail: string; inconclusive?: boolean }>();
    const inconclusive: string[] = [];
    let nestedCount = 0;
    for (const pattern of patterns) {
      // Known ones are not re-timed: each costs up to a second on the long inputs.
      const allowed = allowedEntry(pattern);
      if (allowed) {
        allowedSeen.add(allowed);
        continue;
      }
      const key = `${pattern.flags}/${pattern.pattern}`;
      const falseAlarm = falseAlarmEntry(pattern);
      if (falseAlarm) falseAlarmsSeen.add(falseAlarm);
      let verdict = verdicts.get(key);
      if (!verdict) {
        verdict = polynomialVerdict(pattern);
        if (verdict.safe && !falseAlarm && hasNestedQuantifier(pattern.pattern)) {
          nestedCount++;
          verdict = detectorVerdict(pattern);
          if (verdict.inconclusive) inconclusive.push(`server/src/${pattern.file}:${pattern.line}: ${verdict.detail}`);
        }
        verdicts.set(key, verdict);
      }
      if (verdict.safe) continue;
      unsafe.push(`server/src/${pattern.file}:${pattern.line}: /${pattern.pattern}/${pattern.flags} — ${verdict.detail}`);
    }
    t.diagnostic(`${patterns.length} static patterns (${verdicts.size} distinct) in ${files.length} files; ${nestedCount} with nested quantifiers checked by redos-detector`);
    t.diagnostic(`${inconclusive.length} of them without a verdict in ${TIMEOUT_MS} ms (they passed the polynomial probe):`);
    for (const entry of inconclusive) t.diagnostic(`  inconclusive: ${entry}`);
    t.diagnostic(`${skipped.length} dynamic RegExp constructions skipped (patterns built from other values)`);
    for (const entry of skipped) t.diagnostic(`skipped (dynamic): server/src/${entry.file}:${entry.line}: ${entry.text}`);
    t.diagnostic(`${allowedSeen.size} known super-linear patterns tolerated by the allow-list (not re-timed)`);
    t.diagnostic(`${falseAlarmsSeen.size} redos-detector false alarms timed but not sent to the detector`);
    const stale = [
      ...ALLOWED.filter((candidate) => !allowedSeen.has(candidate)),
      ...DETECTOR_FALSE_ALARMS.filter((candidate) => !falseAlarmsSeen.has(candidate)),
    ].map((entry) => `${entry.file} ${entry.prefix}`);
    assert.deepEqual(unsafe, [], `unsafe patterns (fix them: see ALLOWED's note; or allow-list a false alarm with a reason):\n${unsafe.join('\n')}`);
    assert.deepEqual(stale, [], 'allow-list entries whose pattern is gone (fixed or changed): remove them');
  });
});
