/**
 * Clean-up on SIGINT, SIGTERM and SIGHUP: the registered functions run in registration order (each given up
 * to a minute), then the process exits with 128 + the signal number. A second signal exits at once.
 */
const cleanups = new Set<() => unknown>();
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
let installed = false;
let interrupted = false;

async function onSignal(signal: keyof typeof SIGNALS): Promise<void> {
  const code = 128 + SIGNALS[signal];
  if (interrupted) process.exit(code);
  interrupted = true;
  console.error(`\n${signal}: cleaning up (again to stop at once)`);
  for (const fn of [...cleanups]) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(fn),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('clean-up took over a minute')), 60_000);
        }),
      ]);
    } catch (e) {
      console.error(`clean-up failed: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
  process.exit(code);
}

/** Whether a signal came: the clean-up is running and will end the process. */
export function isInterrupted(): boolean {
  return interrupted;
}

/** Runs `fn` if the process is interrupted before the returned function is called. */
export function onInterrupt(fn: () => unknown): () => void {
  if (!installed) {
    installed = true;
    for (const s of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[])
      process.on(s, (sig) => void onSignal(sig as keyof typeof SIGNALS));
  }
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
