"use client";
// /runs: the dashboard and the run list under one filter, kept in the URL.
import { usePathname } from "next/navigation";
import { PageHeader } from "../ui/page-header";
import { RunFiltersBar } from "./run-filters-bar";
import { runsHref, RunsDashboard } from "./runs-dashboard";
import { RunsTable } from "./runs-table";
import { useRunFilter } from "./use-run-filter";

export function RunsList() {
  const { filter, sort, setFilter, setSort, search } = useRunFilter();
  const pathname = usePathname();
  return (
    <>
      <PageHeader
        title="Runs"
        description="How your flows are doing, and every run of every flow. Search an order number to find all of its runs."
      />
      <section className="grid gap-6 p-8">
        <RunFiltersBar filter={filter} onChange={setFilter} />
        <RunsDashboard filter={filter} linkTo={(next) => runsHref(pathname, next)} />
        <RunsTable filter={filter} sort={sort} onSort={setSort} search={search} />
      </section>
    </>
  );
}
