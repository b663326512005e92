/**
 * dockerfile-ast recomputes an instruction's arguments on every call (a character scan
 * that builds each argument one character at a time), and its own constructors call it
 * three or four times per RUN, CMD and ENTRYPOINT before the tool asks again for flags,
 * ranges and heredocs; heredocs are likewise found again on every call. Both depend only
 * on the instruction's text and escape character, which never change after parsing, so
 * the first result is kept on the instance and every caller gets its own copy of the array
 * (the library's callers shift() the flags off the array they are given). Imported for its
 * effect, once, by the module that parses.
 */
import { Instruction } from 'dockerfile-ast';

const MEMOIZED = Symbol('cachify.memoized');

type Method = ((this: object) => unknown[]) & { [MEMOIZED]?: true };

function memoize(name: 'getRawArguments' | 'getHeredocs'): void {
  const proto = Instruction.prototype as unknown as Record<string, Method>;
  const compute = proto[name];
  if (compute[MEMOIZED]) return;
  const key = Symbol(`cachify.${name}`);
  const memoized: Method = function (this: object) {
    const self = this as Record<symbol, unknown[] | undefined>;
    const value = (self[key] ??= compute.call(this));
    return value.slice();
  };
  memoized[MEMOIZED] = true;
  proto[name] = memoized;
}

memoize('getRawArguments');
memoize('getHeredocs');
