/** The contract between the engine and the transforms. */
import type { DockerfileDoc } from './dockerfile';
import type { TextEdit } from './edits';
import type { StageModel } from './stage';
import type { BuildContext } from './context';

export type Safety = 'safe' | 'unsafe';

/** One change, applied whole or not at all. */
export interface Fix {
  transform: string;
  /** 1-based line the change is about (in the text the transform saw). */
  line: number;
  /**
   * Set by the engine: the line is one an earlier transform inserted (line = where it was
   * inserted), the `added`-th of the lines inserted there.
   */
  added?: number;
  message: string;
  edits: TextEdit[];
  safety: Safety;
  /** Instruction keywords this fix adds and removes (checked by the engine after re-parsing). */
  adds?: string[];
  removes?: string[];
}

/** Something a transform chose not to do (or wants the user to know), with the reason. */
export interface Note {
  transform: string;
  line: number;
  /** As in {@link Fix.added}. */
  added?: number;
  message: string;
}

export interface EngineOptions {
  /** Value of the syntax directive to add, or false to never add one. */
  syntax: string | false;
  /** Apply fixes marked unsafe. */
  unsafe: boolean;
  /** Put `id=<prefix>-<name>` on every cache mount. */
  cacheIdPrefix: string | null;
  /** Transform ids to run (default: all). */
  only?: string[];
  /** Transform ids to skip. */
  skip?: string[];
  /** Throw on transform bugs (overlapping edits, output that does not parse) instead of reporting them. */
  strict?: boolean;
}

export const DEFAULT_OPTIONS: EngineOptions = {
  syntax: 'docker/dockerfile:1',
  unsafe: false,
  cacheIdPrefix: null,
};

export interface TransformContext {
  doc: DockerfileDoc;
  readonly model: StageModel;
  options: EngineOptions;
  /** Path of the Dockerfile as shown to the user. */
  file: string;
  /** The build context, when the engine knows it. */
  context: BuildContext | null;
}

export interface TransformResult {
  fixes: Fix[];
  notes: Note[];
}

export interface Transform {
  id: string;
  summary: string;
  apply(ctx: TransformContext): TransformResult;
}

/** Collects fixes and notes for one transform run. */
export class Recorder implements TransformResult {
  fixes: Fix[] = [];
  notes: Note[] = [];
  constructor(readonly transform: string) {}
  fix(
    line: number,
    message: string,
    edits: TextEdit[],
    extra: Partial<Pick<Fix, 'safety' | 'adds' | 'removes'>> = {},
  ): void {
    this.fixes.push({
      transform: this.transform,
      line,
      message,
      edits,
      safety: extra.safety ?? 'safe',
      adds: extra.adds,
      removes: extra.removes,
    });
  }
  note(line: number, message: string): void {
    if (!this.notes.some((n) => n.line === line && n.message === message))
      this.notes.push({ transform: this.transform, line, message });
  }
}
