/**
 * The import rules of the codebase (run by `npm run deps`, part of `npm test`):
 *   - no import cycle between files;
 *   - lib/ is layered: a folder imports only the folders below it in LAYERS, so no two folders ever import
 *     each other (when two need each other, the shared part is a missing folder below both);
 *   - lib/ never imports app/, and app/ never reaches the database client directly.
 * Tests may import across layers (a unit test of lib/content may use lib/testing), but not in cycles.
 */
const LAYERS = [
  ["lib/errors.ts", "lib/database-url.ts", "lib/generated"],
  ["lib/i18n"],
  ["lib/calendar"],
  ["lib/db"],
  ["lib/bn"],
  ["lib/lab"],
  ["lib/experiments"],
  ["lib/calculator"],
  ["lib/content"],
  ["lib/practice"],
  ["lib/learner"],
  ["lib/http"],
  ["lib/bn-api"],
  ["lib/cards"],
  ["lib/srs"],
  ["lib/quiz"],
  ["lib/stats"],
  ["lib/transfer"],
  ["lib/account"],
  ["lib/testing"],
];

const TEST = "\\.test\\.tsx?$";
const pattern = (paths) => `^(${paths.map((p) => p.replace(/\./g, "\\.")).join("|")})(/|$)`;

const layerRules = LAYERS.map((layer, index) => ({
  name: `layer:${layer[0]}`,
  comment: `${layer.join(", ")} may import only the layers below it`,
  severity: "error",
  from: { path: pattern(layer), pathNot: TEST },
  to: { path: "^(lib|app)/", pathNot: pattern(LAYERS.slice(0, index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import cycle between files, tests included.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "lib-not-into-app",
      severity: "error",
      from: { path: "^lib/", pathNot: TEST },
      to: { path: "^app/" },
    },
    {
      name: "app-not-into-db",
      comment: "Pages and components read through lib/<feature>/queries, never the client itself.",
      severity: "error",
      from: { path: "^app/" },
      to: { path: "^lib/(db|generated)(\\.ts|/)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|lib/generated|\\.next)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
