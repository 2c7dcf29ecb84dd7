import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcSettings } from "@/server/auth/auth";
import { getDb } from "@/server/db/client";
import { needsSetup } from "@/server/services/people.service";

export const metadata = { title: "Sign in · Conflux" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await needsSetup(getDb())) redirect("/setup");
  const { next } = await searchParams;
  return <SignInForm oidcName={oidcSettings()?.name ?? null} next={next} />;
}
