import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These talk to Postgres or load WebAssembly at run time; bundling them breaks their file lookups.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/client", "@prisma/adapter-pg", "@electric-sql/pglite", "jsonata"],
  typedRoutes: false,
  // Says nothing an attacker could use about what serves the app.
  poweredByHeader: false,
};

export default nextConfig;
