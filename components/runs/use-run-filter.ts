"use client";
// The run history's filter lives in the URL: shareable, and the back button undoes a filter change.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  filterFromSearchParams,
  filterToSearchParams,
  runSortSchema,
  type ParsedRunFilter,
  type RunSort,
} from "@/lib/run-filters";

export function useRunFilter() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = params.toString();
  const filter = useMemo(() => filterFromSearchParams(new URLSearchParams(key)), [key]);
  const sortParsed = runSortSchema.safeParse(params.get("sort"));
  const sort: RunSort = sortParsed.success ? sortParsed.data : "started";

  const push = useCallback(
    (next: URLSearchParams) => {
      const query = next.toString();
      router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  const setFilter = useCallback(
    (change: Partial<ParsedRunFilter>) => {
      const merged: ParsedRunFilter = { ...filter, ...change };
      // A custom window without dates is no window.
      if (merged.range !== "custom") {
        delete merged.from;
        delete merged.to;
      }
      push(filterToSearchParams(merged, new URLSearchParams(key)));
    },
    [filter, key, push],
  );
  const setSort = useCallback(
    (next: RunSort) => {
      const params = new URLSearchParams(key);
      if (next === "started") params.delete("sort");
      else params.set("sort", next);
      push(params);
    },
    [key, push],
  );
  return { filter, sort, setFilter, setSort, search: key };
}
