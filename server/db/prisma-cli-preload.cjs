// Loaded into the Prisma CLI process (node -r). Its WebAssembly schema engine arms a 10 s timer (a lock timeout)
// and never clears it, so every `migrate deploy` lingered 10 s after finishing. Unref'd, the timer still fires if
// the engine is really waiting (its open database connection keeps the process alive), but no longer holds an
// otherwise finished process open.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = originalSetTimeout.call(this, callback, delay, ...args);
  if (typeof delay === "number" && delay >= 5000 && typeof timer?.unref === "function") timer.unref();
  return timer;
};
