import { ApiTokens } from "@/components/settings/api-tokens";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "API tokens · Conflux" };

export default function TokensPage() {
  return (
    <>
      <PageHeader title="API tokens" description="Tokens for scripts and pipelines that call this workspace's API." />
      <section className="flex flex-col gap-4 p-8">
        <ApiTokens />
      </section>
    </>
  );
}
