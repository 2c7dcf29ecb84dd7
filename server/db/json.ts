// Prisma's Json columns take InputJsonValue; values arriving from users or connectors are `unknown`. This converts
// through JSON itself, so what is stored is exactly what JSON can hold (no undefined, functions or class instances).
import { Prisma } from "./generated/client";
import { jsonTextWithoutNul } from "../security/json-nul";

export function toJsonInput(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === undefined || value === null) return Prisma.JsonNull;
  const text = JSON.stringify(value);
  if (text === undefined) return Prisma.JsonNull;
  const parsed: Prisma.InputJsonValue | null = JSON.parse(jsonTextWithoutNul(text));
  return parsed ?? Prisma.JsonNull;
}
