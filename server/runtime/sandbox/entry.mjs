// Starts an expression worker thread: registers tsx (the server runs from TypeScript sources) and loads worker.ts.
// Plain JavaScript, found by path from the pool, so that bundlers leave it alone.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
