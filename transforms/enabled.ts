import type { EngineOptions } from '../src/transform';

/** Whether a transform runs under these options (for transforms that depend on another's work). */
export function transformEnabled(options: EngineOptions, id: string): boolean {
  if (options.only && !options.only.includes(id)) return false;
  return !(options.skip ?? []).includes(id);
}
