/** The registry of package managers, in the order their mounts are written. */
import { apt } from './apt';
import { npm } from './npm';
import { pip } from './pip';
import { uv } from './uv';
import type { PackageManager } from './types';

export const MANAGERS: PackageManager[] = [apt, pip, uv, npm];

export type { PackageManager } from './types';
