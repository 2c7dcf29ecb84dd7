import { OutboundAllowList } from "@/components/settings/outbound-allow-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Settings · Conflux" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="How this workspace's flows may reach other systems." />
      <section className="flex flex-col gap-4 p-8">
        <OutboundAllowList />
      </section>
    </>
  );
}
