import type { InputHTMLAttributes } from "react";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-500/20";

export function TextInput({ className = "", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${inputClass} ${className}`} {...props} />;
}

/**
 * A whole number typed inside a sentence ("Alert once when [3] runs fail"): narrow, and marked invalid while the
 * sentence it sits in has a problem.
 */
export function InlineNumberInput({
  width,
  invalid,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { width: "w-20" | "w-24"; invalid: boolean }) {
  return (
    <span className={`inline-block ${width}`}>
      <TextInput type="number" min={1} step={1} aria-invalid={invalid ? true : undefined} {...props} />
    </span>
  );
}
