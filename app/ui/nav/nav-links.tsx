"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

type NavLink = { href: string; label: string };

const linkClass =
  "block rounded-md px-2.5 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100 aria-[current=page]:bg-accent-50 aria-[current=page]:text-accent-700 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800 dark:aria-[current=page]:text-accent-300";

/**
 * The main links: in a row on wide screens; on phones and tablets behind a Menu button, so the header stays one
 * line high. The menu is a native disclosure (it works before any script has loaded) that closes on navigation
 * and on Escape.
 */
export function NavLinks({ links, account, menuLabel }: { links: NavLink[]; account: NavLink; menuLabel: string }) {
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  const current = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  const items = (all: NavLink[]) =>
    all.map(({ href, label }) => (
      <li key={href}>
        <Link href={href} aria-current={current(href) ? "page" : undefined} className={linkClass}>
          {label}
        </Link>
      </li>
    ));
  return (
    <>
      <ul className="hidden flex-wrap items-center gap-1 lg:flex">{items(links)}</ul>
      <Link
        href={account.href}
        aria-current={current(account.href) ? "page" : undefined}
        className="hidden rounded-md border border-accent-600 px-2.5 py-1.5 text-sm font-medium text-accent-700 hover:bg-accent-50 lg:block dark:border-accent-400 dark:text-accent-300 dark:hover:bg-zinc-800"
      >
        {account.label}
      </Link>
      <details
        ref={menu}
        className="relative lg:hidden"
        onKeyDown={(event) => {
          if (event.key !== "Escape" || !menu.current?.open) return;
          menu.current.open = false;
          menu.current.querySelector("summary")?.focus();
        }}
      >
        <summary className="cursor-pointer list-none rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium select-none dark:border-zinc-700 [&::-webkit-details-marker]:hidden">
          <span aria-hidden="true">☰ </span>
          {menuLabel}
        </summary>
        <ul className="absolute right-0 z-40 mt-2 w-60 space-y-1 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          {items([...links, account])}
        </ul>
      </details>
    </>
  );
}
