// The account's health at a glance: the last connection test, unreadable credentials, and a certificate about to
// expire (which would otherwise surface only as failed runs on the day it does).
import type { Account } from "./account-types";

const EXPIRY_WARNING_DAYS = 30;

const tones = {
  connected: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  failing: "bg-red-50 text-red-700 ring-red-600/20",
  untested: "bg-slate-100 text-slate-700 ring-slate-500/20",
  unreadable: "bg-red-50 text-red-700 ring-red-600/20",
  expiring: "bg-amber-50 text-amber-800 ring-amber-600/20",
} as const;

const labels = {
  connected: "Connected",
  failing: "Failing",
  untested: "Untested",
  unreadable: "Credentials unreadable",
} as const;

function Pill({
  tone,
  children,
  testId,
  title,
}: {
  tone: keyof typeof tones;
  children: string;
  testId: string;
  title?: string;
}) {
  return (
    <span
      data-testid={testId}
      title={title}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export function certificateExpiryText(days: number): string {
  if (days < 0) return `Certificate expired ${-days} day${days === -1 ? "" : "s"} ago`;
  if (days === 0) return "Certificate expires today";
  return `Certificate expires in ${days} day${days === 1 ? "" : "s"}`;
}

export function AccountStatusBadge({
  account,
}: {
  account: Pick<Account, "status" | "statusMessage" | "certificateExpiresInDays">;
}) {
  const days = account.certificateExpiresInDays;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Pill tone={account.status} testId="account-status" title={account.statusMessage ?? undefined}>
        {labels[account.status]}
      </Pill>
      {days !== null && days <= EXPIRY_WARNING_DAYS && (
        <Pill tone={days < 0 ? "failing" : "expiring"} testId="account-certificate-expiry">
          {certificateExpiryText(days)}
        </Pill>
      )}
    </span>
  );
}
