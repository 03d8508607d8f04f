// bench/pages.ts builds this app from a copy outside the repository (inside it, Turbopack would take the
// repository's proxy.ts as this app's own); the copy reaches `next` through a link to the project's
// node_modules, which lies outside the copy, hence the filesystem root as Turbopack's root.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  turbopack: { root: "/" },
};

export default nextConfig;
