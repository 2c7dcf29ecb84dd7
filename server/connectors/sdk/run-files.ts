// Files a step produces (an invoice downloaded from IOM) are stored once beside the run, not inline in the step's
// JSON: the step's output carries a small reference to each, which the run page turns into a download link and later
// steps of the same run can read back by id.
import { z } from "zod";
import { field } from "./fields";

/** What an action hands the runtime to store. */
export interface RunFileInput {
  /** The file's name as people will download it, e.g. "invoiceNote-1.pdf". Unique per step: saving it again replaces it. */
  name: string;
  contentType: string;
  content: Uint8Array;
}

/** How a stored file is referred to in a step's output. */
export const runFileRef = z
  .object({
    fileId: z.string().meta(field({ title: "File ID" })),
    name: z.string().meta(field({ title: "File name" })),
    contentType: z.string().meta(field({ title: "Content type" })),
    size: z.number().meta(field({ title: "Size (bytes)" })),
    sha256: z.string().meta(field({ title: "SHA-256" })),
  })
  .meta(field({ title: "File" }));

export type RunFileRef = z.output<typeof runFileRef>;

/** The run's file store as an action sees it (ctx.files). */
export interface RunFiles {
  /** The largest file save accepts, so a download can stop reading there. */
  limitBytes: number;
  /**
   * Stores a file for this step and returns its reference. The same name from the same step replaces the earlier
   * file, so a step that runs again after a crash stores it once. Fails with FILE_TOO_LARGE above the size cap
   * (CONFLUX_RUN_FILE_LIMIT_MB).
   */
  save(file: RunFileInput): Promise<RunFileRef>;
  /** A file an earlier step of the same run stored, by its id; NOT_FOUND for any other id. */
  read(fileId: string): Promise<RunFileRef & { content: Uint8Array }>;
}
