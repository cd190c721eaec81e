// ESLint (flat config, `npm run lint`): typescript-eslint's recommended rules over src/ and test/,
// plus the type-aware checks that catch real bugs here: a promise nobody awaits or catches.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/", "scripts/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      // `_name` marks a value left out on purpose (`const { choices: _old, ...rest } = turn`).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Text is stripped of NUL and other control characters on purpose (PostgreSQL refuses NUL).
      "no-control-regex": "off",
    },
  },
  {
    // The web chat page and the dashboard scripts run in the browser, as plain scripts.
    files: ["public/**/*.js", "src/server/dashboard-assets/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { window: "readonly", document: "readonly", fetch: "readonly", Chart: "readonly", navigator: "readonly", location: "readonly", localStorage: "readonly", sessionStorage: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly", URLSearchParams: "readonly", FormData: "readonly", crypto: "readonly" },
    },
  },
  {
    // Migrations use Kysely<any>: a migration must not depend on today's table types. The leased-job
    // mechanism works on any table whose column names it is given. Tests read platform fixtures
    // (Telegram updates, Zalo events) as loose JSON.
    files: ["src/store/migrations.ts", "src/store/leased-jobs.ts", "test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
