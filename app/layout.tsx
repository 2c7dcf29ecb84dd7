import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "./providers";
import "./globals.css";

// Every page is rendered per request, so that Next.js marks its scripts with the nonce of the request's
// Content-Security-Policy (server/boot/request-gate.ts); a prerendered page would carry none and be blocked.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Conflux",
  description: "Build and run order-management integration flows.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppShell>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
