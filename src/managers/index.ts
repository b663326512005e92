/** The registry of package managers, in the order their mounts are written. */
import { apk } from './apk';
import { apt } from './apt';
import { bun } from './bun';
import { bundler } from './bundler';
import { cargo } from './cargo';
import { ccache } from './ccache';
import { composer } from './composer';
import { conda } from './conda';
import { dnf } from './dnf';
import { go } from './go';
import { gradle } from './gradle';
import { maven } from './maven';
import { npm } from './npm';
import { nuget } from './nuget';
import { pip } from './pip';
import { pipenv } from './pipenv';
import { pnpm } from './pnpm';
import { poetry } from './poetry';
import { sccache } from './sccache';
import { uv } from './uv';
import { yarn } from './yarn';
import { zypper } from './zypper';
import type { PackageManager } from './types';

export const MANAGERS: PackageManager[] = [
  // operating system packages
  apt,
  apk,
  dnf,
  zypper,
  // Python
  pip,
  uv,
  poetry,
  pipenv,
  conda,
  // JavaScript
  npm,
  yarn,
  pnpm,
  bun,
  // Go, Rust, C/C++
  go,
  cargo,
  sccache,
  ccache,
  // JVM, .NET, PHP, Ruby
  maven,
  gradle,
  nuget,
  composer,
  bundler,
];

export type { PackageManager } from './types';
