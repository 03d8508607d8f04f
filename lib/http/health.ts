import "server-only";
import { checkDatabase } from "@/lib/db";

export type Health = { status: "ok"; database: "ok" } | { status: "unavailable"; database: string };

/** This instance's health for a load balancer: the database must answer within a second. */
export async function getHealth(): Promise<Health> {
  const database = await checkDatabase(1_000);
  return database.ok ? { status: "ok", database: "ok" } : { status: "unavailable", database: database.reason };
}
