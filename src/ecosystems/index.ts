/** The readers of src/ecosystems by the name a manager's deps spec gives. */
import type { ReaderId } from '../managers/types';
import { cargo } from './cargo';
import { dotnet } from './dotnet';
import { gomod } from './gomod';
import { gradle, maven } from './jvm';
import { node } from './node';
import { composer } from './php';
import { pipfile, pyproject } from './python';
import type { Reader } from './reader';
import { requirements } from './requirements';
import { gemfile } from './ruby';

export const READERS: Record<ReaderId, Reader> = {
  requirements,
  node,
  gomod,
  cargo,
  pyproject,
  pipfile,
  gemfile,
  composer,
  maven,
  gradle,
  dotnet,
};

export { Inputs, ProjectFiles, type CopyMapping, type EarlierFile, type Input } from './files';
export { specFiles, tlsFromEnv, type Reader, type ReaderArgs } from './reader';
