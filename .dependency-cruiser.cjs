/**
 * Import direction of src/ (`npm run check:imports`, part of `npm run check` and CI).
 *
 * Data flows one way: channel → conversation → answering → knowledge → providers, and
 * conversation → stats → store. The store is the bottom: it imports only leaf types. Vendor
 * packages stay in the adapter files that wrap them. Type-only imports count too
 * (`tsPreCompilationDeps`), since a vendor type in a signature leaks the vendor as much as a call.
 */

/** A rule forbidding imports from `from` into the folders of `to`. */
function layer(name, comment, from, to, allowed) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: from },
    to: { path: `^src/(${to.join("|")})(/|[.]ts$)`, ...(allowed ? { pathNot: allowed } : {}) },
  };
}

/** A rule: only files matching `owners` import the npm packages matching `packages`. */
function vendor(name, packages, owners) {
  return {
    name,
    comment: `${packages} is imported only by its adapter (${owners}); everything else sees our own types.`,
    severity: "error",
    from: { path: "^src/", pathNot: owners },
    to: { dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown"], path: `(^|/)node_modules/(${packages})/` },
  };
}

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No runtime import cycle. A cycle of type-only imports (a seam's registry naming its implementations) is harmless.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    layer(
      "store-is-the-bottom",
      "The store imports no layer above it; only leaf types (knowledge/types.ts, staff/staff-roles.ts, the neutral message).",
      "^src/store/",
      ["channels", "answering", "conversation", "server", "outreach", "stats", "labour-data", "limits", "observability", "knowledge", "staff", "providers", "main", "cli", "compose", "compose-delivery"],
      "^src/(knowledge/types|staff/staff-roles|conversation/message)[.]ts$",
    ),
    layer(
      "providers-know-no-app",
      "LLM and embedding providers implement providers/provider.ts and know nothing of the app.",
      "^src/providers/",
      ["channels", "answering", "conversation", "server", "outreach", "stats", "store", "knowledge", "labour-data", "main", "cli", "compose", "compose-delivery"],
    ),
    layer(
      "knowledge-below-answering",
      "Knowledge (documents, indexes, retrieval) knows nothing of who asks or how it is answered.",
      "^src/knowledge/",
      ["answering", "conversation", "channels", "server", "outreach", "stats", "store", "labour-data", "main", "cli", "compose", "compose-delivery"],
    ),
    layer(
      "answering-below-conversation",
      "The answering core answers one question; memory, limits, records and platforms are the conversation's.",
      "^src/answering/",
      ["conversation", "channels", "server", "outreach", "stats", "store", "labour-data", "main", "cli", "compose", "compose-delivery"],
    ),
    layer(
      "stats-below-conversation",
      "Statistics are written by the conversation and read by the server; they import neither.",
      "^src/stats/",
      ["conversation", "channels", "server", "outreach", "main", "cli", "compose", "compose-delivery"],
    ),
    layer(
      "conversation-below-channels",
      "The conversation works on the neutral message (conversation/message.ts); it knows no platform and no HTTP.",
      "^src/conversation/",
      ["channels", "server", "main", "cli", "compose", "compose-delivery"],
    ),
    layer(
      "channels-below-server",
      "Channels expose framework-free webhooks (ChannelWebhook); the express side is server/channel-webhooks.ts.",
      "^src/channels/",
      ["server", "main", "cli", "compose", "compose-delivery"],
    ),
    layer(
      "message-is-a-leaf",
      "The neutral message types import nothing of the app but the knowledge's leaf types: the store and the channels both build on them.",
      "^src/conversation/message[.]ts$",
      ["[^/]+"],
      "^src/knowledge/types[.]ts$",
    ),
    layer(
      "only-entry-points-compose",
      "The composition roots (main.ts, cli.ts, compose*.ts) wire everything; nothing imports them back.",
      "^src/(?!(main|cli|compose|compose-delivery)[.]ts$)",
      ["main", "cli"],
    ),
    vendor("grammy-in-telegram", "grammy|@grammyjs/[^/]+", "^src/channels/telegram(-outbound)?[.]ts$"),
    vendor("langchain-in-providers", "langchain|@langchain/[^/]+", "^src/providers/"),
    vendor("express-in-server", "express|helmet", "^src/server/"),
    vendor("sql-drivers-in-database", "pg|better-sqlite3", "^src/store/database[.]ts$"),
    vendor("kysely-in-store", "kysely", "^src/store/"),
    vendor("hnswlib-in-vector-index", "hnswlib-node", "^src/knowledge/vector-index[.]ts$"),
    vendor("pino-in-logger", "pino|pino-pretty", "^src/logger[.]ts$"),
    vendor("prom-client-in-metrics", "prom-client", "^src/observability/metrics[.]ts$"),
    {
      name: "no-dev-dependency-in-src",
      comment: "src/ runs in production, where devDependencies are not installed.",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-unlisted-package",
      comment: "Every package src/ imports is in package.json.",
      severity: "error",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves.",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // `import x from "pkg"` resolves like Node does (the "exports" conditions of an ES module).
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
