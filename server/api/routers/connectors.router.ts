import { buildManifest } from "../../connectors";
import { loadFieldOptions } from "../../services/field-options.service";
import { buildProcedure, readProcedure, router } from "../trpc";
import { fieldOptionsInput } from "./connectors.schema";

export const connectorsRouter = router({
  manifest: readProcedure.query(() => buildManifest()),
  /** The choices of a dynamic field, loaded from the remote system for the chosen account. */
  fieldOptions: buildProcedure
    .input(fieldOptionsInput)
    .query(({ ctx, input, signal }) => loadFieldOptions(ctx, input, { signal })),
});
