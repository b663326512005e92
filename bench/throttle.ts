/**
 * A slow link for the builder's containers: a token-bucket qdisc (`tc ... tbf`) on the egress of the
 * builder's bridge, which is the download direction for the containers behind it.
 *
 * The qdisc is removed by remove(), and also when the process exits or is interrupted (SIGINT, SIGTERM,
 * SIGHUP) while it is on: a benchmark that stops half-way must not leave the builder throttled.
 * By hand: `tc qdisc del dev cbk0 root`.
 */
import { spawnSync } from 'child_process';
import { onInterrupt } from './interrupt';

export interface ThrottleSpec {
  /** Network device, e.g. `cbk0`. */
  dev: string;
  /** tc rate, e.g. `40mbit`. */
  rate: string;
}

/** The tc arguments that add the qdisc. */
export function tcAddArgs(spec: ThrottleSpec): string[] {
  return [
    'qdisc',
    'add',
    'dev',
    spec.dev,
    'root',
    'tbf',
    'rate',
    spec.rate,
    'burst',
    '32kbit',
    'latency',
    '400ms',
  ];
}

function tc(args: string[]): { ok: boolean; output: string } {
  const r = spawnSync('tc', args, { encoding: 'utf8', timeout: 20_000 });
  if (r.error) return { ok: false, output: r.error.message };
  return { ok: r.status === 0, output: `${r.stderr}${r.stdout}`.trim() };
}

export class Throttle {
  private on = true;
  private readonly onExit = (): void => this.remove();
  private readonly offInterrupt: () => void;

  private constructor(readonly spec: ThrottleSpec) {
    process.on('exit', this.onExit);
    this.offInterrupt = onInterrupt(() => {
      this.remove();
      console.error(`throttle on ${spec.dev} removed`);
    });
  }

  /**
   * Adds the qdisc. Returns why not (a string) when tc is missing, not permitted, the device does not exist,
   * or the device already has a root qdisc of someone else's (it is left alone).
   */
  static apply(spec: ThrottleSpec): Throttle | string {
    const shown = tc(['qdisc', 'show', 'dev', spec.dev]);
    if (!shown.ok) return `\`tc qdisc show dev ${spec.dev}\` failed: ${shown.output}`;
    const root = shown.output.split('\n').find((l) => / root /.test(l) && !/^qdisc noqueue /.test(l));
    if (root) return `${spec.dev} already has a root qdisc, left alone: ${root.trim()}`;
    const added = tc(tcAddArgs(spec));
    if (!added.ok) return `\`tc ${tcAddArgs(spec).join(' ')}\` failed: ${added.output}`;
    return new Throttle(spec);
  }

  /** Removes the qdisc (idempotent; synchronous, so it also runs from an exit handler). */
  remove(): void {
    if (!this.on) return;
    this.on = false;
    process.off('exit', this.onExit);
    this.offInterrupt();
    const r = tc(['qdisc', 'del', 'dev', this.spec.dev, 'root']);
    if (!r.ok)
      console.error(
        `could not remove the throttle: tc qdisc del dev ${this.spec.dev} root: ${r.output}\n` +
          `remove it by hand: tc qdisc del dev ${this.spec.dev} root`,
      );
  }
}
