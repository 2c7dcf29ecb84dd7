import { AuditLog } from "@/components/settings/audit-log";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Audit log · Conflux" };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what in this workspace, when and from where." />
      <section className="flex flex-col gap-4 p-8">
        <AuditLog />
      </section>
    </>
  );
}
