/** The registry of transforms, in the order they run. */
import type { Transform } from '../src/transform';
import { aptKeepCache } from './apt-keep-cache';
import { cacheMounts } from './cache-mounts';
import { depsBeforeCode } from './deps-before-code';
import { downloadsBeforeCode } from './downloads-before-code';
import { syntaxDirective } from './syntax-directive';

export const TRANSFORMS: Transform[] = [
  aptKeepCache,
  depsBeforeCode,
  downloadsBeforeCode,
  cacheMounts,
  syntaxDirective,
];
