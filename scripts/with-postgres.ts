// Runs a command against a throwaway PostgreSQL cluster and removes the cluster afterwards, even when the
// command fails or is interrupted. The command gets DATABASE_URL (database "app") and PG_ADMIN_URL (database
// "postgres", for tests that make databases of their own).
// Usage: tsx scripts/with-postgres.ts <command> [args…]
import { spawn } from "node:child_process";
import { startCluster } from "./postgres";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx scripts/with-postgres.ts <command> [args…]");
  process.exit(2);
}
const cluster = await startCluster();
const child = spawn(command, args, {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: cluster.url("app"), PG_ADMIN_URL: cluster.url("postgres") },
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  cluster.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
