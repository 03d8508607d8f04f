"use client";

import { ErrorPanel } from "@/app/ui/error-panel";

export default function Error({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel reset={reset} />;
}
