// How every simulator page talks to its console route: read the simulator's state, post one action.
import { z } from "zod";

const refusalSchema = z.object({ error: z.string().optional() });
const messageSchema = z.object({ message: z.string().optional() });

export async function readConsole<T extends z.ZodType>(endpoint: string, schema: T): Promise<z.output<T>> {
  const response = await fetch(endpoint);
  return schema.parse(await response.json());
}

/** Posts an action; a refusal becomes an Error carrying the simulator's own sentence. */
export async function postConsole<T extends z.ZodType>(
  endpoint: string,
  body: unknown,
  schema: T,
): Promise<z.output<T>> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const reply: unknown = await response.json();
  if (!response.ok) {
    const refusal = refusalSchema.safeParse(reply);
    throw new Error((refusal.success ? refusal.data.error : undefined) ?? `The simulator answered ${response.status}`);
  }
  return schema.parse(reply);
}

/** Posts an action whose answer is a sentence to show. */
export async function sendConsoleAction(endpoint: string, body: unknown): Promise<string> {
  return (await postConsole(endpoint, body, messageSchema)).message ?? "Done.";
}
