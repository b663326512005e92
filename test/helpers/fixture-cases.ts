/**
 * The fixture cases under __fixtures__ (see test/fixtures.test.ts for their layout): shared
 * by the tests that run something over every fixture Dockerfile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES_ROOT = path.join(__dirname, '..', '..', '__fixtures__');
// data for the real-builder suite, not fixture pairs
const SKIP_GROUPS = new Set(['examples-expected', 'project-changes', 'wheel-src']);

export interface Case {
  group: string;
  name: string;
  dir: string;
}

export function fixtureCases(): Case[] {
  const out: Case[] = [];
  for (const group of fs.readdirSync(FIXTURES_ROOT).sort()) {
    if (SKIP_GROUPS.has(group) || !fs.statSync(path.join(FIXTURES_ROOT, group)).isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(FIXTURES_ROOT, group)).sort()) {
      const dir = path.join(FIXTURES_ROOT, group, name);
      if (fs.existsSync(path.join(dir, 'Dockerfile'))) out.push({ group, name, dir });
    }
  }
  return out;
}
