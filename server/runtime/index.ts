// The runtime's public surface: what the API, the start script and the worker entry use. Nothing here imports
// React or Next, so a worker process loads only the engine.
export { getRunQueue, type RunQueue } from "./queue";
export { requestManualRun } from "./runs";
export { activateFlowTrigger, deactivateFlowTrigger } from "./triggers";
export { nodeName } from "./plan";
export { validateGraphForStart } from "./validate";
export { startWorker, type Worker, type WorkerOptions } from "./worker";
export { executeRun } from "./executor";
