// Once per unit-test run on PostgreSQL: a template database with the real migrations applied by the real
// `prisma migrate deploy`. Each test file then copies it (setup-db.ts), which takes a fraction of a second.
import { execFileSync } from "node:child_process";
import pg from "pg";

export const TEMPLATE_DATABASE = "bn_template";

export default async function setup() {
  const admin = process.env.PG_ADMIN_URL;
  if (!process.env.DATABASE_URL?.startsWith("postgres") || !admin) return;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}"`);
  await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url.toString() }, stdio: "pipe" });
}
