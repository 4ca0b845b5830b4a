// Runs the compiled tests (out/test/**/*.test.js) with Node's test runner. Node 20 cannot expand
// globs itself, and given a folder it would also run every helper module under a `test` folder.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['out/test'];
const excluded = new Set(['e2e']);

function collect(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return excluded.has(entry.name) && !roots.includes(path) ? [] : collect(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const files = roots.flatMap((root) => (root.endsWith('.js') ? [root] : collect(root))).sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}; run the TypeScript build first (npm run typecheck)`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
