/**
 * A small, tolerant Dockerfile parser: instructions with exact offsets, line continuations,
 * comments, parser directives, heredocs and build stages. It follows BuildKit's reading of the
 * file (comment lines inside a continuation are dropped, a `#` after an instruction is not a
 * comment, heredoc bodies belong to their instruction) and never throws: malformed lines become
 * instructions with whatever keyword they start with.
 */

/** A piece of an instruction's argument text and where it starts in the file. */
export interface ArgumentSegment {
  text: string;
  /** Offset of `text[0]` in the file. */
  start: number;
}

export interface DockerfileHeredoc {
  /** The delimiter word (`EOF` in `<<EOF`, `<<-"EOF"`). */
  word: string;
  /** The body, from the line after the instruction up to (not including) the terminator line. */
  bodyStart: number;
  bodyEnd: number;
  /** Whether the terminator line was found (false: the body runs to the end of the file). */
  terminated: boolean;
}

export interface DockerfileInstruction {
  /** Upper-cased first word (`FROM`, `RUN`, `USER`; anything else for a malformed line). */
  keyword: string;
  keywordStart: number;
  keywordEnd: number;
  /**
   * The argument text as the builder reads it: continuation lines joined with the escape
   * character and line break removed, comment lines inside the continuation dropped,
   * surrounding whitespace trimmed. Heredoc bodies are not included.
   */
  arguments: string;
  /** Where each piece of `arguments` lies in the file, in order; see `offsetInArguments`. */
  segments: ArgumentSegment[];
  /** From the keyword to the end of the last line that belongs to the instruction (line break excluded, heredocs included). */
  start: number;
  end: number;
  /** End of the instruction's own lines, before any heredoc body. */
  endBeforeHeredocs: number;
  /** Zero-based line of the keyword. */
  line: number;
  heredocs: DockerfileHeredoc[];
  /** Index into `Dockerfile.stages`, or -1 for instructions before the first FROM (global ARGs). */
  stage: number;
}

export interface DockerfileComment {
  /** The comment line without its leading whitespace, `#` included. */
  text: string;
  start: number;
  end: number;
  line: number;
}

export interface DockerfileDirective {
  /** Lower-cased directive name (`syntax`, `escape`, `check`). */
  name: string;
  value: string;
  start: number;
  end: number;
}

export interface DockerfileStage {
  index: number;
  from: DockerfileInstruction;
  /** The base image as written (`node:22-slim`, `${BASE}`, another stage's name); '' when missing. */
  image: string;
  /** The name after `AS`, lower-cased as BuildKit compares it. */
  name: string | undefined;
  instructions: DockerfileInstruction[];
}

export interface Dockerfile {
  instructions: DockerfileInstruction[];
  stages: DockerfileStage[];
  comments: DockerfileComment[];
  directives: DockerfileDirective[];
  escape: '\\' | '`';
}

interface PhysicalLine {
  start: number;
  /** End of the line's content (line break excluded). */
  end: number;
  text: string;
}

const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`, optionally after a file descriptor (`3<<EOF`). */
const HEREDOC = /(?:^|[\s\d])<<(-?)[ \t]*(["']?)([A-Za-z_][\w.-]*)\2/g;

function physicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    lines.push({ start, end: match.index, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}

function isCommentLine(text: string): boolean {
  return /^[ \t]*#/.test(text);
}

/** The line without a trailing escape character (and blanks after it), and whether it had one. */
function trimContinuation(text: string, escape: string): { text: string; continues: boolean } {
  const trimmed = text.replace(/(?<![ \t])[ \t]+$/, '');
  if (trimmed.endsWith(escape)) return { text: trimmed.slice(0, -1), continues: true };
  return { text, continues: false };
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = physicalLines(text);
  const result: Dockerfile = { instructions: [], stages: [], comments: [], directives: [], escape: '\\' };
  let index = 0;

  // Parser directives: `# name=value` lines at the very top, before any blank, comment or instruction.
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const content = index === 0 ? line.text.replace(/^\uFEFF/, '') : line.text;
    const match = DIRECTIVE.exec(content.trim());
    if (!match || !KNOWN_DIRECTIVES.has(match[1]!.toLowerCase())) break;
    const name = match[1]!.toLowerCase();
    if (result.directives.some((directive) => directive.name === name)) break;
    const value = match[2]!;
    result.directives.push({ name, value, start: line.start + (line.text.length - content.length) + content.indexOf('#'), end: line.end });
    if (name === 'escape' && (value === '`' || value === '\\')) result.escape = value;
    result.comments.push(commentOf(line, index));
  }

  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const content = index === 0 ? line.text.replace(/^\uFEFF/, '') : line.text;
    const offsetShift = line.text.length - content.length;
    if (isCommentLine(content)) {
      result.comments.push(commentOf(line, index));
      continue;
    }
    if (content.trim() === '') continue;
    const leading = /^[ \t]*/.exec(content)![0].length;
    const firstStart = line.start + offsetShift + leading;
    const keywordMatch = /^\S+/.exec(content.slice(leading))!;
    const keywordText = keywordMatch[0];
    const keywordEnd = firstStart + keywordText.length;
    const segments: ArgumentSegment[] = [];
    const first = trimContinuation(content.slice(leading + keywordText.length), result.escape);
    // A keyword glued to the escape character (`RUN\`) still continues.
    let keyword = keywordText;
    let continues = first.continues;
    if (!continues && keyword.length > 1 && keyword.endsWith(result.escape) && first.text.trim() === '') {
      keyword = keyword.slice(0, -1);
      continues = true;
    }
    segments.push({ text: first.text, start: keywordEnd });
    let lastLine = index;
    while (continues && lastLine + 1 < lines.length) {
      lastLine++;
      const next = lines[lastLine]!;
      if (isCommentLine(next.text)) {
        result.comments.push(commentOf(next, lastLine));
        continue;
      }
      if (next.text.trim() === '') continue;
      const trimmed = trimContinuation(next.text, result.escape);
      segments.push({ text: trimmed.text, start: next.start });
      continues = trimmed.continues;
    }
    const ownEnd = lines[lastLine]!.end;
    const instruction: DockerfileInstruction = {
      keyword: keyword.toUpperCase(),
      keywordStart: firstStart,
      keywordEnd: firstStart + keyword.length,
      arguments: '',
      segments: trimSegments(segments),
      start: firstStart,
      end: ownEnd,
      endBeforeHeredocs: ownEnd,
      line: index,
      heredocs: [],
      stage: result.stages.length - 1,
    };
    instruction.arguments = instruction.segments.map((segment) => segment.text).join('');
    if (HEREDOC_KEYWORDS.has(instruction.keyword)) lastLine = readHeredocs(instruction, lines, lastLine);
    index = lastLine;

    if (instruction.keyword === 'FROM') {
      const { image, name } = fromArguments(instruction.arguments);
      instruction.stage = result.stages.length;
      result.stages.push({ index: result.stages.length, from: instruction, image, name, instructions: [] });
    }
    result.instructions.push(instruction);
    result.stages[instruction.stage]?.instructions.push(instruction);
  }
  return result;
}

function commentOf(line: PhysicalLine, index: number): DockerfileComment {
  const leading = line.text.length - line.text.replace(/^[\uFEFF \t]+/, '').length;
  return { text: line.text.slice(leading), start: line.start + leading, end: line.end, line: index };
}

/** Drops leading blanks of the first piece and trailing blanks of the last, keeping offsets exact. */
function trimSegments(segments: ArgumentSegment[]): ArgumentSegment[] {
  const result = segments.map((segment) => ({ ...segment }));
  while (result.length > 0) {
    const first = result[0]!;
    const trimmed = first.text.replace(/^\s+/, '');
    first.start += first.text.length - trimmed.length;
    first.text = trimmed;
    if (first.text !== '') break;
    result.shift();
  }
  while (result.length > 0) {
    const last = result[result.length - 1]!;
    last.text = last.text.replace(/(?<!\s)\s+$/, '');
    if (last.text !== '') break;
    result.pop();
  }
  return result;
}

/** Consumes the heredoc bodies an instruction opens; returns the index of its last line. */
function readHeredocs(instruction: DockerfileInstruction, lines: PhysicalLine[], lastLine: number): number {
  const words = [...instruction.arguments.matchAll(HEREDOC)].map((match) => ({ strip: match[1] === '-', word: match[3]! }));
  let current = lastLine;
  for (const { strip, word } of words) {
    if (current + 1 >= lines.length) break;
    const bodyStart = lines[current + 1]!.start;
    let terminator = current + 1;
    const isTerminator = (line: PhysicalLine) => (strip ? line.text.replace(/^\t+/, '') : line.text).replace(/(?<![ \t])[ \t]+$/, '') === word;
    while (terminator < lines.length && !isTerminator(lines[terminator]!)) terminator++;
    const terminated = terminator < lines.length;
    const bodyEnd = terminated ? (terminator > current + 1 ? lines[terminator - 1]!.end : bodyStart) : lines[lines.length - 1]!.end;
    instruction.heredocs.push({ word, bodyStart, bodyEnd, terminated });
    current = terminated ? terminator : lines.length - 1;
    instruction.end = lines[current]!.end;
    if (!terminated) break;
  }
  return current;
}

/** `[--platform=…] image [AS name]`. */
function fromArguments(text: string): { image: string; name: string | undefined } {
  const words = text.split(/\s+/).filter((word) => word !== '' && !word.startsWith('--'));
  const image = words[0] ?? '';
  const name = words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined;
  return { image, name };
}

/** The file offset of position `index` of `instruction.arguments` (its end for index = length). */
export function offsetInArguments(instruction: DockerfileInstruction, index: number): number {
  let remaining = index;
  for (const segment of instruction.segments) {
    if (remaining < segment.text.length) return segment.start + remaining;
    remaining -= segment.text.length;
  }
  const last = instruction.segments[instruction.segments.length - 1];
  return last ? last.start + last.text.length : instruction.keywordEnd;
}

/** The instruction's words with their file offsets (split on blanks, no shell quoting). */
export function argumentWords(instruction: DockerfileInstruction): Array<{ text: string; start: number; end: number }> {
  const words: Array<{ text: string; start: number; end: number }> = [];
  for (const match of instruction.arguments.matchAll(/\S+/g)) {
    words.push({ text: match[0], start: offsetInArguments(instruction, match.index), end: offsetInArguments(instruction, match.index + match[0].length - 1) + 1 });
  }
  return words;
}
