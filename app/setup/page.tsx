import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { getDb } from "@/server/db/client";
import { needsSetup } from "@/server/services/people.service";

export const metadata = { title: "Set up Conflux" };

export default async function SetupPage() {
  if (!(await needsSetup(getDb()))) redirect("/sign-in");
  return <SetupForm />;
}
