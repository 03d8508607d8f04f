export const primaryButton =
  "rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700 disabled:opacity-60";
export const secondaryButton =
  "rounded-md border border-zinc-300 bg-white px-4 py-2 font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";
export const section = "space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800";
