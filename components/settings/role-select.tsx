"use client";
// The role picker of the Members and API tokens pages: the role is looked up in the list, never cast from the event.
import { ROLES, roleLabels, type Role } from "@/lib/roles";

export const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none";

export function RoleSelect(props: {
  value: Role;
  onChange: (role: Role) => void;
  testId?: string;
  ariaLabel?: string;
  disabled?: boolean;
}) {
  return (
    <select
      aria-label={props.ariaLabel}
      className={selectClass}
      value={props.value}
      disabled={props.disabled}
      data-testid={props.testId}
      onChange={(event) => {
        const role = ROLES.find((item) => item === event.target.value);
        if (role) props.onChange(role);
      }}
    >
      {ROLES.map((item) => (
        <option key={item} value={item}>
          {roleLabels[item]}
        </option>
      ))}
    </select>
  );
}
