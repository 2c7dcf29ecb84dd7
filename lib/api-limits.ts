/** Most procedures one tRPC request may batch: the server refuses more with 400, the client never sends more. */
export const MAX_TRPC_BATCH = 50;
