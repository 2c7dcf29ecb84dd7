"use client";
// A modal on the native <dialog>: the browser gives focus trapping, Escape to close and the backdrop for free.
import { useEffect, useRef, type ReactNode } from "react";

export function Dialog({
  open,
  onClose,
  title,
  children,
  testId,
  size = "md",
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  testId?: string;
  /** "lg" for forms with many fields, such as an account's credentials. */
  size?: "md" | "lg";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      data-testid={testId}
      onClose={onClose}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      className={`m-auto w-full ${size === "lg" ? "max-w-2xl" : "max-w-md"} rounded-xl border border-slate-200 bg-white p-0 shadow-2xl`}
    >
      {open && (
        <div className="p-6">
          <h2 id={testId ? `${testId}-title` : undefined} className="mb-4 text-lg font-semibold">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
