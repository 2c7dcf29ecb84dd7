import { AcceptInvite } from "@/components/auth/accept-invite";

export const metadata = { title: "Join · Conflux" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <AcceptInvite token={token} />;
}
