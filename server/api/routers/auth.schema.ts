import { z } from "zod";
import { roleSchema } from "@/lib/roles";

const email = z.string().trim().toLowerCase().email("Give a valid e-mail address").max(254);
const name = z.string().trim().min(1, "Give your name").max(120);
export const passwordSchema = z
  .string()
  .min(10, "A password has at least 10 characters")
  .max(128, "A password has at most 128 characters");

export const setupInput = z.object({
  name,
  email,
  password: passwordSchema,
  workspaceName: z.string().trim().max(120).optional(),
});
export const inviteTokenInput = z.object({ token: z.string().min(10).max(200) });
export const acceptInviteInput = z.object({
  token: z.string().min(10).max(200),
  name: name.optional(),
  password: passwordSchema.optional(),
});
export const inviteInput = z.object({ email, role: roleSchema });
export const changeRoleInput = z.object({ userId: z.string().min(1).max(64), role: roleSchema });
export const memberIdInput = z.object({ userId: z.string().min(1).max(64) });
export const inviteIdInput = z.object({ id: z.string().min(1).max(64) });
