/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The deck is read from content/ at sync time, not bundled; keep Next from tracing it into the build.
  outputFileTracingExcludes: { "*": ["content/**", "e2e/**", "bench/**"] },
};

export default nextConfig;
