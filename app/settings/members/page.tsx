import { Members } from "@/components/settings/members";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Members · Conflux" };

export default function MembersPage() {
  return (
    <>
      <PageHeader title="Members" description="Who can use this workspace, and with which role." />
      <section className="flex flex-col gap-4 p-8">
        <Members />
      </section>
    </>
  );
}
