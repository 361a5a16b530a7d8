/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages must be loaded by Node at run time, not bundled. So must
  // OpenTelemetry's: its instrumentations hook Node's require (of pg), and one copy of the API is shared.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    'pg',
    'nodemailer',
    'pino',
    '@opentelemetry/api',
    '@opentelemetry/sdk-trace-node',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/resources',
    '@opentelemetry/instrumentation',
    '@opentelemetry/instrumentation-pg',
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = nextConfig;
