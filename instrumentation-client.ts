import { config } from "zod/v4/core";

// Pages run under a Content-Security-Policy without 'unsafe-eval' (proxy.ts). Zod probes for eval with
// `new Function` before its first object parse, to compile parsers; the browser reports the refused probe as a
// policy violation. The interpreted parsers are all the browser needs (a URL's settings, a calculator field).
config({ jitless: true });
