/**
 * Headers on every response. Pages add their Content-Security-Policy, with a script nonce, in proxy.ts; the
 * server adds HSTS when the app is served over https (scripts/serve.ts).
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  // Only what the app uses: passkeys on its own pages, full screen for its own content; no sensors or devices.
  {
    key: "Permissions-Policy",
    value: [
      "publickey-credentials-create=(self)",
      "publickey-credentials-get=(self)",
      "fullscreen=(self)",
      ...["camera", "microphone", "geolocation", "payment", "usb", "bluetooth", "serial", "hid"].map((feature) => `${feature}=()`),
      ...["accelerometer", "gyroscope", "magnetometer", "display-capture"].map((feature) => `${feature}=()`),
    ].join(", "),
  },
];

/** JSON and files never run anything. */
const apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The stylesheet arrives inside the HTML instead of as a second, render-blocking request: on a phone's
  // latency that request, not the bytes, delayed the first paint.
  experimental: { inlineCss: true },
  // The deck is read from content/ at sync time, not bundled; keep Next from tracing it into the build.
  outputFileTracingExcludes: { "*": ["content/**", "e2e/**", "bench/**"] },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
    ];
  },
};

export default nextConfig;
