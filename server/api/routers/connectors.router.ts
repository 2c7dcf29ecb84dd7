import { buildManifest } from "../../connectors";
import { loadFieldOptions } from "../../services/field-options.service";
import { procedure, router } from "../trpc";
import { fieldOptionsInput } from "./connectors.schema";

export const connectorsRouter = router({
  manifest: procedure.query(() => buildManifest()),
  /** The choices of a dynamic field, loaded from the remote system for the chosen account. */
  fieldOptions: procedure
    .input(fieldOptionsInput)
    .query(({ ctx, input, signal }) => loadFieldOptions(ctx, input, { signal })),
});
