/**
 * The Content-Security-Policy of every page: scripts only by this response's nonce (and what they load, by
 * 'strict-dynamic'), nothing framed, no plugins, forms and base URLs to this origin only. Styles stay
 * 'unsafe-inline': KaTeX and the charts position their output with style attributes, which a nonce cannot cover.
 * The other security headers are in next.config.js.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Strict-Transport-Security for an app served at `appOrigin` (APP_ORIGIN): over https, browsers then never try
 * plain http for a year; over http the header would be meaningless, so none.
 */
export function transportSecurity(appOrigin: string | undefined): string | null {
  return appOrigin?.startsWith("https:") ? "max-age=31536000; includeSubDomains" : null;
}
