"use client";

/** Opens the browser's print dialog; the page's print styles make the cheat sheet one clean page. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-lg border-2 border-accent-600 px-4 py-1.5 font-medium text-accent-700 hover:bg-accent-50 print:hidden dark:text-accent-300 dark:hover:bg-zinc-900"
    >
      {label}
    </button>
  );
}
