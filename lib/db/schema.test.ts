import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/sqlite/client";
import { engine, prisma } from "./index";

// The migrations of the engine under test build every table and column the models declare: a model changed
// without its migration fails here (`npm test` runs this file on SQLite and on PostgreSQL).
async function columnsOf(table: string): Promise<string[]> {
  if (engine === "sqlite") {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`);
    return rows.map((row) => row.name);
  }
  const rows = await prisma.$queryRaw<{ column_name: string }[]>`
    SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`;
  return rows.map((row) => row.column_name);
}

describe(`the migrated database (${process.env.DATABASE_URL?.split(":")[0]})`, () => {
  it("is the engine DATABASE_URL names", () => {
    expect(engine).toBe(process.env.DATABASE_URL!.startsWith("file:") ? "sqlite" : "postgresql");
  });

  it.each(Object.values(Prisma.ModelName))("has every column of %s", async (model) => {
    const fields = Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!);
    expect(fields.length).toBeGreaterThan(0);
    expect((await columnsOf(model)).sort()).toEqual([...fields].sort());
  });
});
