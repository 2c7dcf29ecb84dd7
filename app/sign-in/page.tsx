import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInErrorMessage } from "@/lib/sign-in-errors";
import { oidcSettings } from "@/server/auth/auth";
import { getDb } from "@/server/db/client";
import { needsSetup } from "@/server/services/people.service";

export const metadata = { title: "Sign in · Conflux" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  if (await needsSetup(getDb())) redirect("/setup");
  const { next, error } = await searchParams;
  const oidcName = oidcSettings()?.name ?? null;
  return <SignInForm oidcName={oidcName} next={next} initialError={signInErrorMessage(error, oidcName)} />;
}
