/**
 * The floor of the throughput benchmark: what any tool that reads Dockerfiles must do —
 * find them, read them, parse them with dockerfile-ast — and nothing else. Only the
 * library, as published (none of cachify's modules, which speed dockerfile-ast up).
 *
 *   node dist/bench/floor.js <dir>   prints the number of files parsed
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';

const NAME = /^(Dockerfile|Containerfile)(\..+)?$|\.[Dd]ockerfile$/;
const SKIP = new Set(['.git', 'node_modules']);

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) walk(abs, out);
    } else if (e.isFile() && NAME.test(e.name) && !e.name.endsWith('.dockerignore')) out.push(abs);
  }
}

const files: string[] = [];
walk(path.resolve(process.argv[2] ?? '.'), files);
for (const f of files) DockerfileParser.parse(fs.readFileSync(f, 'utf8'));
process.stdout.write(`${files.length}\n`);
