import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The import rules are configuration; this shows they bite, on a small tree with the project's own config.
function cruise(files: Record<string, string>): { status: number; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "deps-"));
  cpSync(path.join(process.cwd(), ".dependency-cruiser.cjs"), path.join(dir, ".dependency-cruiser.cjs"));
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] } } }));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  const bin = path.join(process.cwd(), "node_modules", ".bin", "depcruise");
  try {
    const output = execFileSync(bin, ["lib", "--config", ".dependency-cruiser.cjs"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { status: failed.status, output: failed.stdout };
  }
}

describe("the import rules", () => {
  it("pass a tree that imports downwards only", () => {
    const result = cruise({
      "lib/srs/review.ts": 'import { x } from "@/lib/content/schema";\nexport const y = x;\n',
      "lib/content/schema.ts": "export const x = 1;\n",
    });
    expect(result.status).toBe(0);
  });

  it("fail a lib folder that imports one above it, and a cycle between files", () => {
    const result = cruise({
      "lib/srs/review.ts": 'import { q } from "@/lib/quiz/session";\nexport const r = q;\n',
      "lib/quiz/session.ts": 'import { r } from "@/lib/srs/review";\nexport const q = 1 + r;\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("layer:lib/srs: lib/srs/review.ts → lib/quiz/session.ts");
    expect(result.output).toContain("no-circular");
  }, 30_000);
});
