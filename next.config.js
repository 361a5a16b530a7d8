/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages must be loaded by Node at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg', 'nodemailer'],
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = nextConfig;
