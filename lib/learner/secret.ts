import { randomBytes } from "node:crypto";
import { execute, query, runSql } from "@/lib/db";

const loaded = new Map<string, Promise<Buffer>>();

/**
 * A secret this installation makes on first use and keeps in the database, so every instance of the app signs
 * and checks with the same one; whichever instance asks first makes it. Read once per process.
 */
export function instanceSecret(name: string): Promise<Buffer> {
  let secret = loaded.get(name);
  if (!secret) {
    secret = runSql(function* () {
      yield* execute(`INSERT INTO "InstanceSecret" ("name", "value", "createdAt") VALUES ($1, $2, $3) ON CONFLICT ("name") DO NOTHING`, [
        name,
        randomBytes(32).toString("base64url"),
        new Date(),
      ]);
      const [row] = yield* query<{ value: string }>(`SELECT "value" FROM "InstanceSecret" WHERE "name" = $1`, [name]);
      return Buffer.from(row!.value, "base64url");
    });
    secret.catch(() => loaded.delete(name));
    loaded.set(name, secret);
  }
  return secret;
}

export const learnerCookieKey = () => instanceSecret("learner-cookie");
