import { describe, it } from 'node:test';
import { sharedAnalyzer } from '../helpers/analyzer';
import { analyzeChecked, check, mutated, ruleFixtures } from './fuzz-support';

/**
 * TypeScript and Python source: every rule fixture, cut, duplicated, moved and spliced with
 * fragments that break syntax. Whatever tree-sitter makes of it, no rule may throw, hang or report
 * outside the text.
 */
const LANGUAGES = [
  { name: 'TypeScript', extensions: ['.ts'], path: 'src/mcp-server.ts', runs: 40 },
  { name: 'Python', extensions: ['.py'], path: 'mcp_server.py', runs: 40 },
] as const;

void describe('fuzz: source code', () => {
  for (const language of LANGUAGES) {
    void it(`survives mutated ${language.name} rule fixtures`, async () => {
      const analyzer = await sharedAnalyzer();
      const seeds = ruleFixtures(language.extensions);
      // Warm up (the first analysis compiles the rules' code) so the hang limit measures steady work.
      for (const seed of seeds.slice(0, 3)) await analyzer.analyze({ path: language.path, text: seed.text });
      await check(
        `mutated ${language.name}`,
        mutated(seeds),
        async ({ text }) => {
          await analyzeChecked(analyzer, language.path, text);
        },
        language.runs,
      );
    });
  }
});
