/**
 * A worker thread of the pool (pool.ts): loads the engine once, then reads and processes
 * the batches of files it is sent and answers with their outcomes, in batch order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { selectTransforms } from './engine';
import { toThrown, type BatchRequest, type WireOutcome, type WorkerData, type WorkerMessage } from './pool';
import { processOne } from './process-one';
import { initShellParser } from './shell';
import { TRANSFORMS } from '../transforms';

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of cachify, not on its own');
const { options } = workerData as WorkerData;
const transforms = selectTransforms(TRANSFORMS, options);
// test seam: a worker that dies on a given file (see test/pool.test.ts)
const dieOn = process.env.CACHIFY_TEST_WORKER_EXIT;

/** An exact-size copy whose memory can be handed over (a Buffer may be a slice of a shared pool). */
function own(u: Uint8Array, transfer: ArrayBuffer[]): Uint8Array {
  const copy = new Uint8Array(u);
  transfer.push(copy.buffer);
  return copy;
}

initShellParser().then(
  () => {
    port.on('message', (req: BatchRequest) => {
      const transfer: ArrayBuffer[] = [];
      const outcomes = req.files.map((f): WireOutcome => {
        if (dieOn && f.display.endsWith(dieOn)) process.exit(70);
        try {
          const o = processOne(f, transforms, options);
          if ('result' in o) {
            o.result.input = own(o.result.input, transfer);
            if (o.result.output) o.result.output = own(o.result.output, transfer) as Buffer;
          }
          return o;
        } catch (e) {
          return { thrown: toThrown(e) };
        }
      });
      port.postMessage({ id: req.id, outcomes } satisfies WorkerMessage, transfer);
    });
  },
  (e: unknown) => port.postMessage({ fatal: toThrown(e) } satisfies WorkerMessage),
);
