import { buildManifest } from "../../connectors";
import { loadFieldOptions } from "../../services/field-options.service";
import { procedure, router } from "../trpc";
import { fieldOptionsInput } from "./connectors.schema";

// The manifest only changes with the code, so it is built once per process.
let manifest: ReturnType<typeof buildManifest> | undefined;

export const connectorsRouter = router({
  manifest: procedure.query(() => (manifest ??= buildManifest())),
  /** The choices of a dynamic field, loaded from the remote system for the chosen account. */
  fieldOptions: procedure
    .input(fieldOptionsInput)
    .query(({ ctx, input, signal }) => loadFieldOptions(ctx, input, { signal })),
});
