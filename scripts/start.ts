// `npm start`: one command from a fresh clone to a running app. Prepares the database, syncs the deck, builds
// when the sources changed since the last build (never under a server of this folder that is still running:
// its pages would ask for chunks that no longer exist), then serves (scripts/serve.ts). Two `npm start`s at once
// take turns at the build. `npm run serve` starts a built app without any of this but the database steps.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "lib", "content", "prisma", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const HASH_FILE = path.join(".next", "source-hash");
const LOCK = ".next-build.lock";

function fail(message: string): never {
  console.error(`start: ${message}`);
  process.exit(1);
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function files(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  if (/(^|\/)(generated|node_modules)$/.test(entry)) return [];
  return readdirSync(entry).flatMap((name) => files(path.join(entry, name)));
}

function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap(files).filter((name) => !/\.test\.tsx?$/.test(name)).sort()) {
    hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function runningServers(): number[] {
  const registry = path.join(".next", "running");
  if (!existsSync(registry)) return [];
  return readdirSync(registry).map(Number).filter((pid) => Number.isInteger(pid) && pid !== process.pid && alive(pid));
}

async function withBuildLock(work: () => void) {
  for (;;) {
    try {
      closeSync(openSync(LOCK, "wx"));
      writeFileSync(LOCK, String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSync(LOCK, "utf8"));
      if (!alive(holder)) rmSync(LOCK, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

run("npm", ["run", "--silent", "db:deploy"]);
run("npm", ["run", "--silent", "deck:sync"]);
await withBuildLock(() => {
  const hash = sourceHash();
  const built = existsSync(path.join(".next", "BUILD_ID")) && existsSync(HASH_FILE) && readFileSync(HASH_FILE, "utf8") === hash;
  if (built) return console.log("start: the build is up to date");
  const servers = runningServers();
  if (servers.length > 0) {
    fail(`the sources changed, but a server of this folder is running (pid ${servers.join(", ")}): stop it before rebuilding, or serve the current build with \`npm run serve\``);
  }
  run("npm", ["run", "build"]);
  writeFileSync(HASH_FILE, hash);
});

const server = spawn("npx", ["tsx", "scripts/serve.ts"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
