/** The registry of package managers, in the order their mounts are written. */
import { apt } from './apt';
import { bun } from './bun';
import { bundler } from './bundler';
import { cargo } from './cargo';
import { composer } from './composer';
import { dotnet } from './dotnet';
import { go } from './go';
import { gradle } from './gradle';
import { maven } from './maven';
import { npm } from './npm';
import { pip } from './pip';
import { pipenv } from './pipenv';
import { pnpm } from './pnpm';
import { poetry } from './poetry';
import { uv } from './uv';
import { yarn } from './yarn';
import type { PackageManager } from './types';

export const MANAGERS: PackageManager[] = [
  apt,
  pip,
  uv,
  poetry,
  pipenv,
  npm,
  yarn,
  pnpm,
  bun,
  go,
  cargo,
  maven,
  gradle,
  bundler,
  composer,
  dotnet,
];

export type { PackageManager } from './types';
