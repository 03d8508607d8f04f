/** The one place the database location is decided: DATABASE_URL, or a file under the project. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || "file:./data/app.db";
}
