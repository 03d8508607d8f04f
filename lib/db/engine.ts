// The two database engines: which one a DATABASE_URL means, and where each keeps its schema and migrations.
// Used by prisma.config.ts, lib/db and the database scripts alike.

export const ENGINES = ["sqlite", "postgresql"] as const;
export type Engine = (typeof ENGINES)[number];

/** The engine a DATABASE_URL names, or null for a scheme this app does not run on. */
export function engineOf(url: string): Engine | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  return null;
}

/** What to say about a DATABASE_URL this app cannot use, in one line. */
export function unknownEngineMessage(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? url.slice(0, 12);
  return `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not "${scheme}:"`;
}

export const schemaFile = (engine: Engine) => `prisma/${engine}/schema.prisma`;
export const migrationsDir = (engine: Engine) => `prisma/${engine}/migrations`;

/** One engine's schema: the generator and datasource for it, then the shared models. */
export function schemaFor(engine: Engine, models: string): string {
  return `// Written by \`npm run db:schemas\` from prisma/models.prisma: edit that file, not this one.

generator client {
  provider   = "prisma-client"
  output     = "../../lib/generated/${engine}"
  engineType = "client"
}

datasource db {
  provider = "${engine}"
  // Keep the url: without it the Prisma 6.19 CLI asks for a native engine it cannot download here.
  url      = env("DATABASE_URL")
}

${models.replace(/^(\/\/[^\n]*\n)+\n/, "")}`;
}
