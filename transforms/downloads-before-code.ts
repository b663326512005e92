/**
 * downloads-before-code: a RUN that fetches something large (model weights, a repository, a
 * toolchain, an archive) and does not touch what the COPY above it brings in moves above
 * that COPY — in practice the COPY moves below it, so the download and the ENV it reads stay
 * as written and a code change no longer downloads again. Nothing becomes a cache mount:
 * the downloaded files are what the image needs at run time.
 */
import {
  broadCopy,
  downloads,
  insertAfter,
  instructionBlock,
  passVerdict,
  runVerdict,
  type BroadCopy,
} from '../src/reorder';
import { Recorder, type Transform, type TransformContext } from '../src/transform';

const ID = 'downloads-before-code';

export const downloadsBeforeCode: Transform = {
  id: ID,
  summary: 'moves RUNs that download models, repositories or toolchains above the COPY of the code',
  apply(ctx: TransformContext) {
    const rec = new Recorder(ID);
    const { doc, model } = ctx;
    for (const stage of doc.stages) {
      if (model.stateBefore(stage.from + 1 > stage.last ? stage.from : stage.from + 1)?.os === 'windows')
        continue;
      for (let c = stage.from + 1; c <= stage.last; c++) {
        const scan = broadCopy(doc, model, ctx.context, c, true);
        if (scan && 'copy' in scan) planCopy(ctx, rec, scan.copy, stage.last);
      }
    }
    return rec;
  },
};

function planCopy(ctx: TransformContext, rec: Recorder, copy: BroadCopy, last: number): void {
  const { doc, model } = ctx;
  let final = -1;
  const moved: number[] = [];
  let guesses: string[] = [];
  let pending: string[] = [];
  for (let i = copy.index + 1; i <= last; i++) {
    const ins = doc.instructions[i];
    const isDownload = ins.keyword === 'RUN' && downloads(doc, model, i);
    const v = ins.keyword === 'RUN' ? runVerdict(doc, model, copy, i) : passVerdict(doc, model, copy, i);
    if (v.kind === 'stop') {
      if (isDownload)
        rec.note(ins.line + 1, `the download stays after \`${copy.text}\` (line ${copy.line}): ${v.reason}`);
      break;
    }
    if (v.kind === 'guess') pending.push(v.reason);
    if (isDownload) {
      final = i;
      moved.push(ins.line + 1);
      guesses = [...guesses, ...pending];
      pending = [];
    }
  }
  if (final < 0) return;
  const block = instructionBlock(doc, copy.index);
  const edits = [{ start: block.start, end: block.end, text: '' }, insertAfter(doc, final, block.text)];
  const message =
    moved.length === 1
      ? `the download on line ${moved[0]} now runs before \`${copy.text}\`, so a code change does not repeat it`
      : `the downloads on lines ${moved.join(', ')} now run before \`${copy.text}\`, so a code change does not repeat them`;
  const unsafe = [...new Set(guesses)];
  rec.fix(copy.line, unsafe.length ? `${message} (a guess: ${unsafe.join('; ')})` : message, edits, {
    safety: unsafe.length ? 'unsafe' : 'safe',
  });
}
