/** Programmatic API. */
export { processFile, selectTransforms, type FileResult, type FileInput } from './engine';
export { run, type RunOptions, type RunSummary } from './run';
export { initShellParser } from './shell';
export { DockerfileDoc } from './dockerfile';
export { StageModel } from './stage';
export { FsBuildContext, DockerIgnore, type BuildContext } from './context';
export { DEFAULT_OPTIONS, type EngineOptions, type Fix, type Note, type Transform } from './transform';
export { MANAGERS } from './managers';
export { TRANSFORMS } from '../transforms';
