import { Catalog } from "@/components/applications/catalog";

export const metadata = { title: "Applications and APIs · Conflux" };

export default function ApplicationsPage() {
  return <Catalog />;
}
