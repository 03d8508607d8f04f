/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The stylesheet arrives inside the HTML instead of as a second, render-blocking request: on a phone's
  // latency that request, not the bytes, delayed the first paint.
  experimental: { inlineCss: true },
  // The deck is read from content/ at sync time, not bundled; keep Next from tracing it into the build.
  outputFileTracingExcludes: { "*": ["content/**", "e2e/**", "bench/**"] },
};

export default nextConfig;
