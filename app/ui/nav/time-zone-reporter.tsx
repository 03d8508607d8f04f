"use client";

import { useEffect } from "react";
import { rememberTimeZone } from "@/lib/learner/actions";

/** Tells the server the browser's time zone once, when it does not know it: the study day starts at 4 a.m. there. */
export function TimeZoneReporter({ known }: { known: boolean }) {
  useEffect(() => {
    if (!known) void rememberTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [known]);
  return null;
}
