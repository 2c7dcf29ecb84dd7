// @ts-check
// ESLint checks correctness and our layers; Prettier owns style (eslint-config-prettier, last, turns off every rule
// that would argue with it). Rules are syntax-only (no type information) so `npm run lint` stays well under a minute
// on a shared 2-core machine; `tsc --noEmit` already does the type checking.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier/flat";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

const testFiles = ["**/*.test.ts", "**/*.test.tsx"];

// Layer rules are written as import-specifier patterns (no module resolution, so they cost nothing): each covers the
// `@/` alias and a relative path climbing into the same folder.
/** @param {string} folder a regular-expression fragment naming a top-level folder */
const alias = (folder) => `^@/${folder}(/|$)`;
/** @param {string} folder */
const climbing = (folder) => `^(\\./)?(\\.\\./)+${folder}(/|$)`;
/** @param {string} path @param {string} message @param {{ allowTypeImports?: boolean }} extra */
const folder = (path, message, extra = {}) => [
  { regex: alias(path), message, ...extra },
  { regex: climbing(path), message, ...extra },
];

const uiPackages = {
  regex: "^(react|react-dom|next)(/|$)",
  message: "Layer rule: server/runtime, server/connectors and lib run without a UI: no React or Next imports here.",
};
const uiFolders =
  "Layer rule: server/runtime, server/connectors and lib never import from components/ or app/ (the UI depends on them, not the other way round).";
const noUi = [uiPackages, ...folder("(components|app)", uiFolders)];
// Tests may drive a route handler (app/api/**, server-side code) end to end, as the webhook tests do.
const noUiInTests = [uiPackages, ...folder("(components|app(?!/api/))", uiFolders)];

const noServerInLib = folder(
  "server",
  "Layer rule: lib/ is isomorphic (runs in the browser and on the server): it imports nothing from server/.",
);

const clientServerRules = [
  ...folder(
    "server/connectors",
    "Layer rule: the browser never imports connector code (not even types); it reads the manifest the server builds (lib/connector-manifest.ts).",
  ),
  // Any pattern that allows type imports allows them for every specifier it matches, so this one leaves connectors out.
  ...folder(
    "server(?!/connectors(/|$))",
    "Layer rule: client code imports only types from server/ (`import type { ... }`); values would pull server code into the browser bundle.",
    { allowTypeImports: true },
  ),
];

export default defineConfig([
  globalIgnores([
    "node_modules/",
    ".next/",
    ".data/",
    ".tmp/",
    "server/db/generated/",
    "prisma/migrations/",
    "test-results/",
    "playwright-report/",
    "next-env.d.ts",
  ]),

  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: "error" },
    // No rule here reads JSDoc, so TypeScript need not parse it (a cheaper parse of every file).
    languageOptions: { parserOptions: { jsDocParsingMode: "none" } },
    rules: {
      // tsc already refuses unused locals and parameters (noUnusedLocals, noUnusedParameters); no need to pay twice.
      "@typescript-eslint/no-unused-vars": "off",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        {
          selector:
            'TSAsExpression[expression.type="TSAsExpression"][expression.typeAnnotation.type="TSUnknownKeyword"]',
          message: "House rule: no `as unknown as`; parse the value with zod or narrow its type instead.",
        },
      ],
    },
  },

  // Import cycles: resolved through tsconfig paths so `@/...` and relative imports both count. Tests and e2e specs are
  // left out: nothing imports them, so they cannot be part of a cycle, and following their imports costs time.
  {
    files: ["**/*.{ts,tsx}"],
    ignores: [...testFiles, "e2e/**/*.spec.ts"],
    plugins: { "import-x": importX },
    settings: {
      // import-x must parse the files an import leads to, or it cannot follow the chain and sees no cycle.
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },

  // React: the rules of hooks wherever components and hooks live; Next's core-web-vitals rules for the app.
  // Only the two classic hooks rules: the React Compiler rules that eslint-plugin-react-hooks 7 recommends run the
  // compiler on every file (measured: about half of a cold lint) and police code for a compiler we do not use.
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { ...reactHooks.configs.flat.recommended.plugins, "@next/next": nextPlugin },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },

  // Layers. A file gets exactly one `no-restricted-imports` configuration (flat config replaces a rule's options, it
  // does not merge them), so each block below lists every restriction that applies to its files.
  {
    files: ["server/runtime/**", "server/connectors/**"],
    ignores: testFiles,
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: noUi }] },
  },
  {
    files: ["lib/**"],
    ignores: testFiles,
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...noUi, ...noServerInLib] }] },
  },
  {
    // Tests run only in Node (vitest): a lib test may build the real manifest from server/connectors.
    files: testFiles.flatMap((test) => ["server/runtime/", "server/connectors/", "lib/"].map((dir) => dir + test)),
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: noUiInTests }] },
  },
  {
    // Client code. Everything in components/ can end up in the browser bundle. In app/, route handlers (app/api/**,
    // route.ts) run only on the server, and pages and layouts are server components (none is marked "use client"; a
    // page that becomes one should move its client part into components/): they may import server code, as Next
    // intends. Any other file in app/ (providers.tsx today) is client code.
    // Tests are not bundled: they run in Node and may build the real manifest, so they are left out.
    files: ["components/**", "app/**"],
    ignores: ["app/api/**", "app/**/route.ts", "app/**/page.tsx", "app/**/layout.tsx", ...testFiles],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: clientServerRules }] },
  },

  {
    // Playwright reads a fixture's dependencies from its first parameter, so a fixture that needs none takes `{}`.
    files: ["e2e/**"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },

  prettier,
]);
