import { z } from "zod";

/** The allow-list as typed: one entry per item, checked entry by entry by the service. */
export const outboundAllowListInput = z.object({
  entries: z.array(z.string().max(300, "An entry has at most 300 characters")).max(200, "At most 200 entries"),
});
