import { buildManifest } from "../../connectors";
import { procedure, router } from "../trpc";

// The manifest only changes with the code, so it is built once per process.
let manifest: ReturnType<typeof buildManifest> | undefined;

export const connectorsRouter = router({
  manifest: procedure.query(() => (manifest ??= buildManifest())),
});
