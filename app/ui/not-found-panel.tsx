import Link from "next/link";

/** What every not-found page shows: what is missing, and the way back. */
export function NotFoundPanel({ title, body, href, linkLabel }: { title: string; body?: string; href: string; linkLabel: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {body && <p className="text-zinc-600 dark:text-zinc-400">{body}</p>}
      <Link href={href} className="font-medium text-accent-700 underline dark:text-accent-300">
        {linkLabel}
      </Link>
    </div>
  );
}
