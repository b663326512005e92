/**
 * apt-keep-cache: Debian and Ubuntu images delete downloaded packages after every install
 * (/etc/apt/apt.conf.d/docker-clean). Before the first apt RUN of a stage lineage, one RUN
 * removes that hook and tells apt to keep packages, so the /var/cache/apt mount fills.
 */
import { findInvocations } from '../src/managers/resolve';
import { insertLinesBefore, keyword } from '../src/edits';
import { normalizePath } from '../src/stage';
import { Recorder, type Transform, type TransformContext } from '../src/transform';
import { commandText, hiddenUse, planMounts } from './cache-mounts';
import { apt, APT_IN_WORDS } from '../src/managers/apt';
import { transformEnabled } from './enabled';

const ID = 'apt-keep-cache';
const APT_ONLY: ReadonlySet<string> = new Set(['apt']);
export const KEEP_CACHE_RUN =
  `rm -f /etc/apt/apt.conf.d/docker-clean; ` +
  `echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`;

/**
 * Text of a RUN or ONBUILD that may run apt out of the tool's sight: an ONBUILD apt command,
 * a downloaded installer piped into a shell (`curl ... | bash`), Playwright's `--with-deps`.
 */
const HIDDEN_APT =
  /^\s*ONBUILD\b[\s\S]*\bapt(-get)?\b|\|\s*(sudo\s+(-E\s+)?)?(ba|da|z|k)?sh\b|playwright\b[^\n]*\b(install-deps|--with-deps)\b/i;

export const aptKeepCache: Transform = {
  id: ID,
  summary: 'stops Debian/Ubuntu images from deleting downloaded packages, before the first apt RUN',
  apply(ctx: TransformContext) {
    const rec = new Recorder(ID);
    const { doc, model } = ctx;
    const aptRuns = doc.instructions.filter((ins) => {
      const st = ins.keyword === 'RUN' ? model.stateBefore(ins.index) : null;
      return (
        !!st && st.os !== 'windows' && findInvocations(doc.run(ins.index)).some((i) => i.manager.id === 'apt')
      );
    });
    if (!aptRuns.length) return rec;
    // the RUNs that will have /var/cache/apt mounted: already, or by cache-mounts in this run
    const mounted = new Set<number>();
    for (const ins of doc.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const mounts = doc.run(ins.index).info.mounts;
      if (mounts.some((m) => m.type === 'cache' && m.target && normalizePath(m.target) === '/var/cache/apt'))
        mounted.add(ins.index);
    }
    if (transformEnabled(ctx.options, 'cache-mounts')) {
      for (const p of planMounts(ctx, APT_ONLY).plans) {
        if (p.add.get('apt')?.some((t) => t.path === '/var/cache/apt')) mounted.add(p.index);
      }
    }
    const stageOf = (index: number) => model.stateBefore(index)!.stage;
    const keeps = doc.instructions
      .filter(
        (ins) =>
          ins.keyword === 'RUN' && /apt\.conf\.d\/docker-clean/.test(doc.text.slice(ins.start, ins.end)),
      )
      .map((ins) => ({ index: ins.index, stage: stageOf(ins.index) }));
    // an insertion (or a refusal) covers the apt RUNs after it in its stage and the stages built on it
    const covered = (index: number, stage: number) => {
      const lineage = model.lineage(stage);
      return keeps.some((k) => k.index < index && lineage.includes(k.stage));
    };
    for (const first of aptRuns) {
      const stage = stageOf(first.index);
      if (covered(first.index, stage)) continue;
      keeps.push({ index: first.index - 0.5, stage });
      const line = first.line + 1;
      const tree = model.descendants(stage);
      const unmounted = aptRuns.find(
        (r) => r.index >= first.index && tree.includes(stageOf(r.index)) && !mounted.has(r.index),
      );
      if (unmounted) {
        rec.note(
          line,
          `not keeping apt packages: line ${unmounted.line + 1} has no /var/cache/apt cache mount, so kept packages would stay in the image`,
        );
        continue;
      }
      const hidden = doc.instructions.find(
        (ins) =>
          ins.index > first.index &&
          !aptRuns.includes(ins) &&
          (ins.keyword === 'RUN' || ins.keyword === 'ONBUILD') &&
          model.stateBefore(ins.index) !== null &&
          tree.includes(stageOf(ins.index)) &&
          HIDDEN_APT.test(doc.text.slice(ins.start, ins.end)),
      );
      // apt in the words of another command of a RUN without the mount (`su -c "apt-get install -y jq"`)
      const unread = hidden
        ? null
        : doc.instructions.find(
            (ins) =>
              ins.index > first.index &&
              ins.keyword === 'RUN' &&
              !mounted.has(ins.index) &&
              model.stateBefore(ins.index) !== null &&
              tree.includes(stageOf(ins.index)) &&
              hiddenUse(doc, doc.run(ins.index), apt, APT_IN_WORDS) !== null,
          );
      if (unread) {
        rec.note(
          line,
          `not keeping apt packages: line ${unread.line + 1} runs apt in words the tool does not take apart (\`${commandText(hiddenUse(doc, doc.run(unread.index), apt, APT_IN_WORDS)!)}\`), where no mount goes, and its packages would stay in the image`,
        );
        continue;
      }
      if (hidden) {
        rec.note(
          line,
          `not keeping apt packages: line ${hidden.line + 1} may run apt where no mount goes (${hidden.keyword === 'ONBUILD' ? 'in the images built from this one' : 'an installer the tool does not read'}), and its packages would stay in the image`,
        );
        continue;
      }
      const st = model.stateBefore(first.index)!;
      if (st.user.uid !== 0) {
        rec.note(line, `not keeping apt packages: the first apt RUN runs as USER ${st.user.spec}, not root`);
        continue;
      }
      rec.fix(
        line,
        'keep downloaded apt packages (removed docker-clean) before the first apt RUN',
        [insertLinesBefore(doc, first.index, [`${keyword(doc, 'RUN')} ${KEEP_CACHE_RUN}`])],
        { adds: ['RUN'] },
      );
    }
    return rec;
  },
};
