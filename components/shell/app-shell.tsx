"use client";
import { Blocks, History, KeyRound, ScrollText, Settings, Users, Workflow } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useAccess } from "../auth/use-access";
import { UserMenu } from "./user-menu";

/** Pages shown before sign-in: no sidebar. */
const OPEN_PAGES = ["/sign-in", "/setup", "/invite/", "/reset-password"];

const navItems = [
  { href: "/flows", label: "Flows", icon: Workflow, testId: "nav-flows" },
  { href: "/applications", label: "Applications and APIs", icon: Blocks, testId: "nav-applications" },
  { href: "/runs", label: "Runs", icon: History, testId: "nav-runs" },
  { href: "/settings", label: "Settings", icon: Settings, testId: "nav-settings" },
] as const;
const adminItems = [
  { href: "/settings/members", label: "Members", icon: Users, testId: "nav-members" },
  { href: "/settings/tokens", label: "API tokens", icon: KeyRound, testId: "nav-tokens" },
  { href: "/settings/audit", label: "Audit log", icon: ScrollText, testId: "nav-audit" },
] as const;

export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const admin = useAccess("admin");
  if (OPEN_PAGES.some((page) => pathname === page || (page.endsWith("/") && pathname.startsWith(page)))) {
    return <main className="min-h-screen">{children}</main>;
  }
  return (
    <div className="flex h-screen overflow-hidden">
      <nav
        aria-label="Main"
        className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-slate-900 text-slate-200"
      >
        <Link href="/flows" className="flex items-center gap-2 px-5 py-5 text-lg font-semibold text-white">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-500 text-sm font-bold">
            Cx
          </span>
          Conflux
        </Link>
        <ul className="flex flex-col gap-1 px-3">
          {[...navItems, ...(admin.allowed ? adminItems : [])].map(({ href, label, icon: Icon, testId }) => {
            const active = pathname === href || (pathname.startsWith(`${href}/`) && href !== "/settings");
            return (
              <li key={href}>
                <Link
                  href={href}
                  data-testid={testId}
                  aria-current={active ? "page" : undefined}
                  className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm transition-colors ${
                    active ? "bg-slate-700 text-white" : "hover:bg-slate-800 hover:text-white"
                  }`}
                >
                  <Icon aria-hidden size={18} />
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
        <UserMenu />
      </nav>
      <main className="flex min-w-0 flex-1 flex-col overflow-auto">{children}</main>
    </div>
  );
}
